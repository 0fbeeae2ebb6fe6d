namespace Platform.Registry.Domain;

/// <summary>The solutions on offer. Each names the sample dataset its demo uses; customers bring their own.</summary>
public static class SolutionCatalog
{
    public const string BinaryClassification = "binary-classification";
    public const double DefaultAccuracyBudget = 0.01;

    public static readonly IReadOnlyList<SolutionTemplate> All =
    [
        new("finance-credit-risk", "finance", "Credit risk",
            "Scores loan applicants by the probability that the loan goes bad.",
            "Status", "bad", BinaryClassification, DefaultAccuracyBudget, "finance-credit.csv"),
        new("healthcare-diabetes-risk", "healthcare", "Diabetes risk",
            "Flags patients at risk of diabetes from routine measurements.",
            "diabetes", "pos", BinaryClassification, DefaultAccuracyBudget, "healthcare-diabetes.csv"),
        new("retail-churn", "retail", "Customer churn",
            "Predicts which customers are about to leave.",
            "churn", "yes", BinaryClassification, DefaultAccuracyBudget, "retail-churn.csv"),
    ];

    public static SolutionTemplate? Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
