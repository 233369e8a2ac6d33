package com.memorylayer.gateway.activity;

import com.memorylayer.gateway.guard.ApiPaths;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts the body bytes each API response really writes, for the usage event's {@code bytes_out}: most JSON
 * answers are chunked and carry no Content-Length to read afterwards.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class ResponseSizeFilter extends OncePerRequestFilter {

    private static final String ATTRIBUTE = ResponseSizeFilter.class.getName() + ".bytes";

    /** Bytes written to the response so far; 0 for a request this filter did not see. */
    static long bytesWritten(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof CountingResponse counting ? counting.count : 0;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !ApiPaths.isApi(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        CountingResponse counting = new CountingResponse(response);
        request.setAttribute(ATTRIBUTE, counting);
        try {
            chain.doFilter(request, counting);
        } finally {
            if (!request.isAsyncStarted()) {
                counting.flushWriter();
            }
        }
    }

    private static final class CountingResponse extends HttpServletResponseWrapper {

        private long count;
        private ServletOutputStream stream;
        private PrintWriter writer;

        CountingResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                ServletOutputStream target = super.getOutputStream();
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        target.write(b);
                        count++;
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        target.write(b, off, len);
                        count += len;
                    }

                    @Override
                    public void flush() throws IOException {
                        target.flush();
                    }

                    @Override
                    public boolean isReady() {
                        return target.isReady();
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        target.setWriteListener(listener);
                    }
                };
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
                writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), charset));
            }
            return writer;
        }

        void flushWriter() {
            if (writer != null) {
                writer.flush();
            }
        }
    }
}
