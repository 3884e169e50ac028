package io.tidemark.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The served OpenAPI document (a static file) describes exactly the REST DSL of routes/api.camel.yaml. */
class OpenApiDocumentTest {

    @Test
    void everyApiPathAndMethodOfTheRoutesIsInTheDocumentAndNothingElse() throws Exception {
        JsonNode document = new ObjectMapper().readTree(Path.of("src/main/resources/api/openapi.json").toFile());
        Set<String> documented = new TreeSet<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey())));

        assertEquals(routed(), documented);
    }

    @Test
    void everyOperationIdIsTheIdOfItsRestVerbInTheRoutes() throws Exception {
        JsonNode document = new ObjectMapper().readTree(Path.of("src/main/resources/api/openapi.json").toFile());
        Set<String> documented = new TreeSet<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op ->
                documented.add(op.getKey().toUpperCase() + " " + path.getKey() + " " + op.getValue().path("operationId")
                        .asText("(none)"))));
        assertEquals(routed(true), documented);
    }

    @Test
    void everyPostNeedsTheTokenAndEveryErrorIsAMessage() throws Exception {
        JsonNode paths = new ObjectMapper().readTree(Path.of("src/main/resources/api/openapi.json").toFile()).get("paths");
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            String name = operation.getKey() + " " + path.getKey();
            if (operation.getKey().equals("post")) {
                assertTrue(operation.getValue().has("security"), name);
                assertTrue(operation.getValue().get("responses").has("403"), name);
            }
            operation.getValue().get("responses").fields().forEachRemaining(response -> {
                if (response.getKey().compareTo("400") >= 0) {
                    assertEquals("#/components/schemas/Error", response.getValue().at("/content/application~1json/schema/$ref")
                            .asText(), name + " " + response.getKey());
                }
            });
        }));
    }

    /** "GET /api/tables", ... from the rest definitions under /api in routes/api.camel.yaml. */
    @SuppressWarnings("unchecked")
    private static Set<String> routed() throws Exception {
        return routed(false);
    }

    /** The same, each followed by its route's id when {@code withIds}. */
    @SuppressWarnings("unchecked")
    private static Set<String> routed(boolean withIds) throws Exception {
        Set<String> routed = new TreeSet<>();
        Iterable<Object> documents = new Load(LoadSettings.builder().build())
                .loadAllFromString(Files.readString(Path.of("routes/api.camel.yaml")));
        for (Object document : documents) {
            for (Map<String, Object> entry : (List<Map<String, Object>>) document) {
                Map<String, Object> rest = (Map<String, Object>) entry.get("rest");
                if (rest == null || !"/api".equals(rest.get("path"))) {
                    continue;
                }
                for (String method : List.of("get", "post", "put", "delete", "patch")) {
                    for (Map<String, Object> verb : (List<Map<String, Object>>) rest.getOrDefault(method, List.of())) {
                        routed.add(method.toUpperCase() + " /api" + verb.get("path") + (withIds ? " " + verb.get("id") : ""));
                    }
                }
            }
        }
        return routed;
    }
}
