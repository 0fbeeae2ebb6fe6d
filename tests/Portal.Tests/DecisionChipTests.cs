using MudBlazor;
using Platform.Portal.Components.Shared;

namespace Platform.Portal.Tests;

public sealed class DecisionChipTests
{
    [Theory]
    [InlineData("Promoted", "Promoted", "Promoted", "promoted")]
    [InlineData("Rejected", "Rejected", "Rejected", "rejected")]
    [InlineData("Failed", null, "Failed", "failed")]
    [InlineData("Training", null, "in progress", "in-progress")]
    [InlineData("AwaitingFeedback", null, "in progress", "in-progress")]
    [InlineData("SomethingNew", null, "in progress", "in-progress")]
    // The decision is what the history reports once there is one, whatever the state says.
    [InlineData("Compressing", "Rejected", "Rejected", "rejected")]
    [InlineData("Promoted", null, "Promoted", "promoted")]
    public void A_retraining_reads_as_its_decision_or_else_its_state(string state, string? decision, string label, string kind)
    {
        var chip = DecisionChip.For(state, decision);

        Assert.Equal(label, chip.Label);
        Assert.Equal(kind, chip.Kind);
    }

    [Fact]
    public void Promoted_is_green_rejected_orange_and_failed_red()
    {
        Assert.Equal(Color.Success, DecisionChip.For("Promoted", "Promoted").Color);
        Assert.Equal(Color.Warning, DecisionChip.For("Rejected", "Rejected").Color);
        Assert.Equal(Color.Error, DecisionChip.For("Failed", null).Color);
        Assert.NotEqual(Color.Success, DecisionChip.For("Training", null).Color);
    }

    [Fact]
    public void An_undecided_retraining_says_which_step_it_is_at()
    {
        Assert.Equal("awaiting feedback", DecisionChip.For("AwaitingFeedback", null).Detail);
        Assert.Equal("deriving data", DecisionChip.For("DerivingData", null).Detail);
        Assert.Null(DecisionChip.For("Promoted", "Promoted").Detail);
    }
}
