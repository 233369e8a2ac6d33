package com.memorylayer.gateway.auth;

import com.memorylayer.gateway.keys.AuthenticatedKey;
import com.memorylayer.gateway.workspace.Workspace;

/** Who is calling a workspace route, once the key and the workspace have been matched. */
public record WorkspaceCaller(Workspace workspace, AuthenticatedKey key) {

    static final String REQUEST_ATTRIBUTE = WorkspaceCaller.class.getName();
}
