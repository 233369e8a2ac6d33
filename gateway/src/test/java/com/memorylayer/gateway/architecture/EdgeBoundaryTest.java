package com.memorylayer.gateway.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The gateway is the edge: guard, authentication, limits, audit, commands to the log, the control plane, kits and
 * starter content, and the routing of reads. Everything in a workspace's own tables is read by the query service
 * (and written by the ingest worker), so only those two need to know where a workspace lives. The gateway creates
 * and drops a workspace's schema when the control plane makes or deletes the workspace; that is the whole of its
 * business with it.
 */
class EdgeBoundaryTest {

    private static final JavaClasses GATEWAY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("com.memorylayer.gateway");

    @Test
    void theGatewayReadsNoWorkspaceTable() {
        noClasses().should().dependOnClassesThat().resideInAPackage("com.memorylayer.schemas.jooq.workspace_template..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("com.memorylayer.schemas.db.WorkspaceDsl")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("com.memorylayer.schemas.db.WorkspaceWriteLock")
                .because("the query service is the whole read side of a workspace, and the ingest worker its only writer")
                .check(GATEWAY);
    }
}
