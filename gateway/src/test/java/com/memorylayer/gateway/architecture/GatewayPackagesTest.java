package com.memorylayer.gateway.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway's feature packages form a graph without cycles, so each can be read, changed and tested from the
 * bottom up: {@code tenant} and {@code login} at the bottom, {@code access} above them, the features above that,
 * and the dashboard and operator tools on top.
 */
class GatewayPackagesTest {

    private static final String GATEWAY = "com.memorylayer.gateway";
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(GATEWAY);
    }

    @Test
    void theGatewaysPackagesImportEachOtherWithoutCycles() {
        slices().matching(GATEWAY + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void nothingDependsOnTheApplicationClassAtTheRoot() {
        // The root package starts the application and so sees every package; a dependency back on it would be a cycle.
        noClasses().that().resideOutsideOfPackage(GATEWAY).should().dependOnClassesThat().resideInAPackage(GATEWAY)
                .check(classes);
    }
}
