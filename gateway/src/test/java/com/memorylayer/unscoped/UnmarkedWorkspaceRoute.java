package com.memorylayer.unscoped;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A workspace route someone forgot to mark with {@code @RequiresScope}. Outside the gateway's packages, so only the
 * test that registers it on purpose ever serves it.
 */
@RestController
public class UnmarkedWorkspaceRoute {

    @GetMapping("/v1/workspaces/{slug}/forgotten")
    Map<String, String> forgotten() {
        return Map.of("secret", "everyone's memories");
    }
}
