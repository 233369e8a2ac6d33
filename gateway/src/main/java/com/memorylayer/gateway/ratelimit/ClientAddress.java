package com.memorylayer.gateway.ratelimit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/**
 * The address a client's anonymous calls are charged to. An IPv4 address is its own; an IPv6 address is charged
 * to its /64, since one subscriber is handed a whole /64 and could otherwise take a fresh bucket for every call.
 */
final class ClientAddress {

    private ClientAddress() {
    }

    static String bucketOf(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.indexOf(':') < 0) {
            return remoteAddress;
        }
        try {
            // A literal, so no name lookup happens.
            byte[] bytes = InetAddress.getByName(remoteAddress).getAddress();
            if (bytes.length != 16) {
                return remoteAddress;
            }
            String hex = HexFormat.of().formatHex(bytes, 0, 8);
            return hex.substring(0, 4) + ":" + hex.substring(4, 8) + ":" + hex.substring(8, 12) + ":" + hex.substring(12, 16) + "::/64";
        } catch (UnknownHostException e) {
            return remoteAddress;
        }
    }
}
