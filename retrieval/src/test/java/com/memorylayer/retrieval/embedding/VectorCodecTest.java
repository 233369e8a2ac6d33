package com.memorylayer.retrieval.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VectorCodecTest {

    @Test
    void aVectorSurvivesARoundTripBitForBit() {
        float[] vector = {0.5f, -1.25f, Float.MIN_VALUE, 3.4e38f, -0.0f};

        assertThat(VectorCodec.decode(VectorCodec.encode(vector))).containsExactly(vector);
    }

    @Test
    void floatsAreWrittenLittleEndianFourBytesEach() {
        // 1.0f is 0x3F800000; 2.0f is 0x40000000.
        assertThat(VectorCodec.encode(new float[] {1.0f, 2.0f}))
                .containsExactly(0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0x40);
    }

    @Test
    void anEmptyVectorIsNoBytes() {
        assertThat(VectorCodec.encode(new float[0])).isEmpty();
        assertThat(VectorCodec.decode(new byte[0])).isEmpty();
    }

    @Test
    void bytesThatAreNotWholeFloatsAreRejected() {
        assertThatThrownBy(() -> VectorCodec.decode(new byte[7]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("7 bytes");
    }
}
