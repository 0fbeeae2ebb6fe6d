namespace Platform.Inference.Serving;

/// <summary>Why a request's instances cannot be scored: the field (a column, or <c>instances</c>) and the instance index.</summary>
public sealed record InstanceError(string Field, string Reason, int? Row = null);
