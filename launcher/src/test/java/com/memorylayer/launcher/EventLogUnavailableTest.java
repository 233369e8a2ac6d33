package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.embedded.FreePort;
import com.memorylayer.gateway.GatewayApplication;
import com.memorylayer.launcher.ApiClient.Response;
import com.memorylayer.launcher.TestPlatform.TestWorkspace;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A gateway whose Kafka is unreachable answers remember with a 503 and a clear code, and nothing is stored.
 * The broker here is a real address with nothing listening, not a stub.
 */
class EventLogUnavailableTest {

    @Test
    void rememberAnswers503AndAcceptsNothingWhenKafkaIsDown() throws Exception {
        Platform platform = TestPlatform.get();
        TestWorkspace ws = TestPlatform.newWorkspace();
        int deadKafka = FreePort.pick();
        int port = FreePort.pick();
        String secret = platform.gateway().getEnvironment().getProperty("memorylayer.keys.hash-secret");
        try (ConfigurableApplicationContext gateway = GatewayApplication.builder().registerShutdownHook(false).run(
                "--server.port=" + port,
                "--management.server.port=0",
                "--spring.datasource.url=" + platform.postgres().jdbcUrl(),
                "--spring.datasource.username=" + platform.postgres().user(),
                "--spring.datasource.password=" + platform.postgres().password(),
                "--spring.kafka.bootstrap-servers=localhost:" + deadKafka,
                "--spring.kafka.producer.properties.max.block.ms=1500",
                "--memorylayer.kafka.provision-topics=false",
                "--memorylayer.keys.hash-secret=" + secret,
                "--memorylayer.query.url=" + platform.queryServiceUrl())) {
            ApiClient viaBrokenGateway = new ApiClient("http://localhost:" + port, ws.slug(), ws.key());

            Response response = viaBrokenGateway.remember("this write cannot reach the log");

            assertThat(response.status()).isEqualTo(503);
            assertThat(response.code()).isEqualTo("event_log_unavailable");
            assertThat(response.raw()).doesNotContain("Exception");
        }
        String token = ws.api().token(ws.api().remember("written through the healthy gateway"));
        assertThat(ws.api().recallContents("write", 10, token)).containsExactly("written through the healthy gateway");
    }

}
