namespace Platform.Modeling.Data;

/// <summary>The data or the spec cannot be learned from; retrying gives the same answer.</summary>
public sealed class InvalidTrainingDataException(string message) : Exception(message);
