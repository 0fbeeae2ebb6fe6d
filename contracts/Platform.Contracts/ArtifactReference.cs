namespace Platform.Contracts;

/// <summary>Artifacts (datasets, models) travel as references, never as bytes.</summary>
public sealed record ArtifactReference(string Uri, string Sha256, long SizeBytes);
