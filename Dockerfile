# Tidemark image: build with Maven, run on a JRE.
#   docker build -t tidemark .
#   docker run --rm -p 127.0.0.1:8080:8080 -e TIDEMARK_API_TOKEN=... -e SOURCE_DB_URL=... -e TARGET_DB_URL=... tidemark
# In the container the management server listens on every interface (TIDEMARK_MANAGEMENT_HOST=0.0.0.0), so it
# needs TIDEMARK_API_TOKEN (at least 16 characters): without one it refuses to start. JVM options go in
# JDK_JAVA_OPTIONS (default: half the container's memory for the heap and the class-data archive below), e.g.
# -e JDK_JAVA_OPTIONS="-Xmx1g -XX:SharedArchiveFile=/app/tidemark.jsa".
# See docker-compose.yml for a complete demo with a source and a target MySQL, and docs/security.md.

# ---- build stage ----
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build

# Dependencies first: this layer is reused as long as pom.xml does not change.
COPY pom.xml ./
RUN mvn -B -q dependency:go-offline

# application.properties is also packaged into the jar as the built-in default (see pom.xml resources).
COPY src ./src
COPY routes ./routes
COPY application.properties ./
RUN mvn -B -q package -DskipTests -Dtidemark.cds.skip=true

# ---- runtime stage ----
FROM eclipse-temurin:17-jre

# curl for the HEALTHCHECK (the temurin JRE image is Ubuntu-based and does not ship it).
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*

# Unprivileged user that runs Tidemark.
RUN groupadd --system tidemark \
    && useradd --system --gid tidemark --home-dir /app --no-create-home --shell /usr/sbin/nologin tidemark

WORKDIR /app

# tidemark.jar's manifest class path points at lib/*.jar beside it.
COPY --from=build /build/target/lib/ /app/lib/
COPY --from=build /build/target/tidemark.jar /app/tidemark.jar
# Read from the working directory: ./application.properties and ./routes/*.camel.yaml.
COPY --from=build /build/application.properties /app/application.properties
COPY --from=build /build/routes/ /app/routes/
# The class-data archive for this place of the jar (an archive records the jar's path): a --once starts in about
# half the time (docs/operations.md).
COPY --from=build /build/src/main/launcher/classes.lst /app/classes.lst
RUN java -Xshare:dump -XX:SharedClassListFile=/app/classes.lst -XX:SharedArchiveFile=/app/tidemark.jsa \
        -cp /app/tidemark.jar >/dev/null 2>&1 && rm /app/classes.lst

# Only .tidemark/ (work directory of the embedded demo, used when no SOURCE_DB_URL is set) is writable.
RUN mkdir -p /app/.tidemark && chown tidemark:tidemark /app/.tidemark

USER tidemark

# Published ports reach the container's interface, not its loopback; the token is then required (see above).
ENV TIDEMARK_MANAGEMENT_HOST=0.0.0.0
# Read by the java launcher itself.
# Half the container's memory for the heap: a first load of 1M rows peaked near 330 MB RSS with a 256 MB heap,
# so a 512 MB limit holds it (bench/README.md); 75 % left too little room beside the heap in such a container.
ENV JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=50 -XX:SharedArchiveFile=/app/tidemark.jsa -Xshare:auto -Xlog:cds=off"

# Management server: /observe/health, /observe/health/live, /observe/health/ready.
EXPOSE 8080

# Ready = 200, not ready = 503 (curl -f fails). Follows TIDEMARK_MANAGEMENT_PORT when it is set.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS -o /dev/null "http://localhost:${TIDEMARK_MANAGEMENT_PORT:-8080}/observe/health/ready" || exit 1

ENTRYPOINT ["java", "-jar", "/app/tidemark.jar"]
