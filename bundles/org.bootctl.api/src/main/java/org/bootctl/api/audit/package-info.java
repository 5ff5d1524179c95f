/**
 * The audit trail: who did what to a unit and when. Emergency stops, fault clears, program and
 * bundle installs and removals, refused deploys and settings changes are {@linkplain
 * org.bootctl.api.audit.AuditLog#record recorded} by whoever did them, with their
 * {@linkplain org.bootctl.api.audit.AuditEvent#source() source}; one implementation keeps them as
 * JSON lines in the data folder ({@code audit.jsonl}).
 */
@Export
@Version("1.3.0")
package org.bootctl.api.audit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
