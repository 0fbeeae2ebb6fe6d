namespace Platform.Ingestion.Tests;

/// <summary>
/// Tests that measure the managed heap (GC.GetTotalMemory is process-wide) run alone: another test
/// allocating in parallel would be counted as theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuresMemory
{
    public const string Name = "measures memory";
}
