package com.leadflow.ingest;

import com.leadflow.security.ApiKeyPrincipal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Authenticates an ingestion request by its API key ({@code Authorization: Bearer lf_…} or {@code X-API-Key}):
 * unknown key 401, revoked key 403, over the key's rate 429 with {@code Retry-After}; always a JSON body. Not a
 * Spring bean on purpose: it runs only inside the stateless /api/** security chain.
 */
public class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private final ApiKeyService keys;
    private final ApiRateLimiter rateLimiter;

    public ApiKeyAuthenticationFilter(ApiKeyService keys, ApiRateLimiter rateLimiter) {
        this.keys = keys;
        this.rateLimiter = rateLimiter;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = presentedKey(request);
        if (presented == null) {
            chain.doFilter(request, response); // the chain answers 401 unless the path is public
            return;
        }
        switch (keys.authenticate(presented)) {
            case ApiKeyService.Lookup.Unknown unknown -> ApiErrors.write(response, 401, "invalid_api_key",
                    "The API key is not valid.");
            case ApiKeyService.Lookup.Revoked revoked -> ApiErrors.write(response, 403, "api_key_revoked",
                    "The API key was revoked.");
            case ApiKeyService.Lookup.Valid valid -> {
                long wait = rateLimiter.tryAcquire(valid.principal().keyId(), valid.requestsPerMinute());
                if (wait > 0) {
                    response.setHeader("Retry-After", String.valueOf(wait));
                    ApiErrors.write(response, 429, "rate_limited",
                            "Too many requests for this API key: at most " + valid.requestsPerMinute()
                                    + " per minute. Retry after " + wait + " s.");
                    return;
                }
                keys.markUsed(valid.principal().keyId());
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(new ApiKeyAuthentication(valid.principal()));
                SecurityContextHolder.setContext(context);
                try {
                    chain.doFilter(request, response);
                } finally {
                    SecurityContextHolder.clearContext();
                }
            }
        }
    }

    private static String presentedKey(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).strip();
        }
        String apiKey = request.getHeader("X-API-Key");
        return apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    }

    /** An authenticated API key; its authorities are its scopes. */
    static final class ApiKeyAuthentication extends AbstractAuthenticationToken {

        private final ApiKeyPrincipal principal;

        ApiKeyAuthentication(ApiKeyPrincipal principal) {
            super(principal.scopes().stream().map(s -> new SimpleGrantedAuthority(ApiKeyPrincipal.authority(s))).toList());
            this.principal = principal;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public ApiKeyPrincipal getPrincipal() {
            return principal;
        }
    }
}
