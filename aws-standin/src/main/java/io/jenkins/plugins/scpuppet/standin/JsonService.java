package io.jenkins.plugins.scpuppet.standin;

import com.fasterxml.jackson.databind.JsonNode;

/** A service spoken in awsJson1_1: the operation comes from the X-Amz-Target header, input and output are JSON. */
interface JsonService {

    /** The part of X-Amz-Target before the dot, e.g. {@code AWS242ServiceCatalogService}. */
    String targetPrefix();

    JsonNode handle(Caller caller, String operation, JsonNode input);
}
