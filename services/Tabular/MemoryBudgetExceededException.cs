namespace Platform.Tabular;

/// <summary>A job would hold more than its <see cref="MemoryBudget"/>; retrying gives the same answer.</summary>
public sealed class MemoryBudgetExceededException(string message, long budgetBytes, string setting) : Exception(message)
{
    public long BudgetBytes { get; } = budgetBytes;
    public string Setting { get; } = setting;
}
