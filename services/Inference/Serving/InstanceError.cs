using Platform.ServiceDefaults.Http;

namespace Platform.Inference.Serving;

/// <summary>
/// Why a request's instances cannot be scored: the field (a column, <c>instances</c> or
/// <c>instances[i]</c>), the instance index, and the limit when one was exceeded.
/// </summary>
public sealed record InstanceError(string Field, string Reason, int? Row = null, ServiceLimit? Limit = null);
