package org.bootctl.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestClausesTest {

    @Test
    void namesOfEveryClauseWithQuotedCommasAndSemicolonsSkipped() {
        assertEquals(List.of("a.b", "c.d", "e.f", "g"), List.copyOf(ManifestClauses.names(
                "a.b;c.d;version=\"[1,2)\";uses:=\"x.y,z;w\", e.f ;mandatory:=\"q\",g")));
    }

    @Test
    void anEscapedQuoteInAQuotedValueDoesNotEndIt() {
        // as the framework reads it (Felix 7: clauses a.b and org.bootctl.api): the export must be seen before install
        assertEquals(List.of("a.b", "org.bootctl.api"), List.copyOf(ManifestClauses.names(
                "a.b;x=\"\\\"\",org.bootctl.api")));
        assertEquals(List.of("a.b", "c.d"), List.copyOf(ManifestClauses.names("a.b;x=\"1\\\\\",c.d")));
    }

    @Test
    void nothingForNullOrBlank() {
        assertEquals(List.of(), List.copyOf(ManifestClauses.names(null)));
        assertEquals(List.of(), List.copyOf(ManifestClauses.names(" , ")));
    }
}
