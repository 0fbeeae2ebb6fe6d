namespace Platform.Modeling.Tests;

/// <summary>
/// Tests whose training draws thousands of times from libtorch's one process-wide generator (the
/// image CNN's dropout on every batch) run alone: beside them, a test that seeds the generator and
/// checks a network is the same twice (<c>ClassifierFamilyTests</c>) or matches exact figures
/// (<c>DeepLiftTests</c>) would get draws in between its own; CI saw both fail that way.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchGeneratorHeavy
{
    public const string Name = "draws from torch's global generator";
}
