package io.tidemark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** docker-compose.yml as written: CI checks that Compose accepts it (.ci/run); this, what it exposes and with what. */
class DockerComposeTest {

    @SuppressWarnings("unchecked")
    private static final Map<String, Map<String, Object>> SERVICES = (Map<String, Map<String, Object>>) ((Map<String, Object>)
            new Load(LoadSettings.builder().build()).loadFromString(read("docker-compose.yml"))).get("services");

    @Test
    void everyPublishedPortIsOnThisMachineOnly() {
        SERVICES.forEach((name, service) -> {
            for (Object port : (List<?>) service.getOrDefault("ports", List.of())) {
                assertTrue(port.toString().startsWith("127.0.0.1:"), name + " publishes " + port);
            }
        });
        assertTrue(SERVICES.get("tidemark").containsKey("ports"));
    }

    @Test
    void passwordsAndTheTokenComeFromTheEnvironmentWithNoDefaultAndNothingLogsInAsRoot() {
        SERVICES.forEach((name, service) -> environment(service).forEach((key, value) -> {
            if (key.contains("PASSWORD") && !key.equals("MYSQL_RANDOM_ROOT_PASSWORD") || key.contains("TOKEN")
                    || key.equals("MYSQL_PWD")) {
                assertTrue(value.matches("\\$\\{[A-Z_]+:\\?[^}]+}"), name + ": " + key + " must be required, is " + value);
            }
            assertNotEquals("MYSQL_ROOT_PASSWORD", key, name + " sets a root password");
        }));
        Map<String, String> tidemark = environment(SERVICES.get("tidemark"));
        assertEquals("tidemark", tidemark.get("SOURCE_DB_USER"));
        assertEquals("tidemark", tidemark.get("TARGET_DB_USER"));
        assertTrue(tidemark.containsKey("TIDEMARK_API_TOKEN"), "the dashboard's buttons need the token");
        assertTrue(tidemark.get("JDK_JAVA_OPTIONS").startsWith("${TIDEMARK_JAVA_OPTS:-"), "JVM options can be given");
        assertTrue(read("docker/source-users.sh").contains("GRANT SELECT ON"), "the source user only reads");
        assertFalse(read("docker/source-users.sh").contains("GRANT ALL"));
    }

    @Test
    void aWriterKeepsTheDemoSourceChanging() {
        Map<String, Object> writer = SERVICES.get("writer");
        assertTrue(writer.get("volumes").toString().contains("./docker/demo-writer.sh"), writer.toString());
        String script = read("docker/demo-writer.sh");
        assertTrue(script.contains("INSERT INTO orders") && script.contains("UPDATE customers"), script);
        assertTrue(script.contains("while true"), script);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(Map<String, Object> service) {
        return (Map<String, String>) service.getOrDefault("environment", Map.of());
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
