package com.memorylayer.web.error;

import java.io.IOException;

/** Raised while reading a body that turns out longer than the limit (chunked bodies declare no length). */
public class BodyTooLargeException extends IOException {

    public BodyTooLargeException(long limit) {
        super("the request body is larger than " + limit + " bytes");
    }
}
