/**
 * Bulk ingest runs as the query service reads them back (the control plane's run ledger beside what the ingest
 * worker recorded in the workspace's schema) and the gateway shows them. Field names are written snake_case by both
 * services' JSON settings.
 */
package com.memorylayer.schemas.reads.ingest;
