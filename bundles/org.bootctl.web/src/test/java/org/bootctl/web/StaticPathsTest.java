package org.bootctl.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StaticPathsTest {

    @Test
    void thePageAndItsFiles() {
        assertEquals(Optional.of("web/index.html"), StaticPaths.entry("/"));
        assertEquals(Optional.of("web/index.html"), StaticPaths.entry(""));
        assertEquals(Optional.of("web/app.js"), StaticPaths.entry("/app.js"));
        assertEquals(Optional.of("web/img/logo-2.svg"), StaticPaths.entry("/img/logo-2.svg"));
        assertEquals("text/javascript; charset=utf-8", StaticPaths.contentType("web/app.js"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/..", "/../pom.xml", "/../../etc/passwd", "/a/../../OSGI-INF/x.xml", "/./app.js",
            "/.hidden.js", "/a//b.js", "/a\\..\\b.js", "/app.js\u0000.png", "/%2e%2e/app.js", "/app.js/",
            "/org/bootctl/web/ApiServlet.class", "/META-INF/MANIFEST.MF", "/app", "/~root/x.js", "/a b.js"})
    void nothingOutsideTheFolderAndNothingOdd(String path) {
        assertTrue(StaticPaths.entry(path).isEmpty(), path);
    }
}
