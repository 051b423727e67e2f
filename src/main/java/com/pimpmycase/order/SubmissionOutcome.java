package com.pimpmycase.order;

/** What storing a submission did. */
public sealed interface SubmissionOutcome {

    Order order();

    /** Stored now, durably (201). */
    record Created(Order order) implements SubmissionOutcome {}

    /** The identical order was already stored: a safe retry (200). */
    record AlreadyStored(Order order) implements SubmissionOutcome {}

    /** The same {@code third_id} is stored with other data (409); {@code order} is the stored one. */
    record Conflict(Order order) implements SubmissionOutcome {}
}
