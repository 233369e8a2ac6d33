package com.memorylayer.gateway.login;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The sign-in page: a GitHub button, or, with no OAuth app configured, how to configure one. */
@Controller
class SignInController {

    private final GitHubLoginProperties github;
    private final LoopbackBinding binding;

    SignInController(GitHubLoginProperties github, LoopbackBinding binding) {
        this.github = github;
        this.binding = binding;
    }

    @GetMapping("/login")
    String signIn(Model model, HttpServletRequest request) {
        // Each notice only when it is true: after a logout, or after a sign-in GitHub or we refused.
        model.addAttribute("signedOut", request.getParameterMap().containsKey("signed-out"));
        model.addAttribute("failed", request.getParameterMap().containsKey("error"));
        model.addAttribute("configured", github.configured());
        model.addAttribute("localLinks", binding.isLoopback());
        model.addAttribute("callbackUrl", ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/login/oauth2/code/" + GitHubClientRegistration.REGISTRATION_ID).toUriString());
        model.addAttribute("authorizationPath", "/oauth2/authorization/" + GitHubClientRegistration.REGISTRATION_ID);
        return "sign-in";
    }
}
