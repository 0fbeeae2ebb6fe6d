namespace Platform.ServiceDefaults.Messaging.Redelivery;

/// <summary>
/// The message itself cannot be applied (its content breaks a rule, it lacks what it needs): another
/// try would see the same message and fail the same way, so it goes straight to the <c>_error</c>
/// queue, with this reason, without retries or redeliveries. Derive a domain's refusals from it.
/// </summary>
public class PermanentMessageException(string message, Exception? inner = null) : Exception(message, inner);
