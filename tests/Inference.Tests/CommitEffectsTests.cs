using Platform.Inference.Infrastructure;

namespace Platform.Inference.Tests;

public sealed class CommitEffectsTests
{
    [Fact]
    public void Committed_effects_run_once_and_abandoned_ones_only_release()
    {
        var effects = new CommitEffects();
        var log = new List<string>();
        effects.Add(() => log.Add("swap A"), () => log.Add("free A"));
        effects.Commit();
        effects.Commit();
        effects.Add(() => log.Add("swap B"), () => log.Add("free B"));
        effects.Abandon();
        effects.Commit();

        Assert.Equal(["swap A", "free B"], log);
    }
}
