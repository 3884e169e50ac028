# Sourced by the MySQL image's entrypoint (not executable, so that docker_process_sql is at hand) after
# source-init.sql, once, when the source container starts with an empty data volume: Tidemark's read-only user on
# the source. The demo writer's user (MYSQL_USER) is made by the image itself.
tidemark_password=${TIDEMARK_SOURCE_PASSWORD//\\/\\\\}
tidemark_password=${tidemark_password//\'/\'\'}
docker_process_sql --database=mysql <<SQL
CREATE USER 'tidemark'@'%' IDENTIFIED BY '${tidemark_password}';
GRANT SELECT ON \`${MYSQL_DATABASE}\`.* TO 'tidemark'@'%';
SQL
unset tidemark_password
