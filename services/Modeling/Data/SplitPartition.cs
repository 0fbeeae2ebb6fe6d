namespace Platform.Modeling.Data;

public enum SplitPartition
{
    Train,
    Validation,
    Test,
}
