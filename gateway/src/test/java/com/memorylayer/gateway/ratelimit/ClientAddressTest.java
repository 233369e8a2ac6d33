package com.memorylayer.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void ipv6AddressesOfOneSlash64ShareABucketAndIpv4AddressesKeepTheirOwn() {
        assertThat(ClientAddress.bucketOf("2001:db8:1:2:aaaa::1")).isEqualTo("2001:0db8:0001:0002::/64");
        assertThat(ClientAddress.bucketOf("2001:db8:1:2:ffff:ffff:ffff:ffff")).isEqualTo("2001:0db8:0001:0002::/64");
        assertThat(ClientAddress.bucketOf("2001:db8:1:3::1")).isEqualTo("2001:0db8:0001:0003::/64");
        assertThat(ClientAddress.bucketOf("0:0:0:0:0:0:0:1")).isEqualTo("0000:0000:0000:0000::/64");
        assertThat(ClientAddress.bucketOf("203.0.113.9")).isEqualTo("203.0.113.9");
    }
}
