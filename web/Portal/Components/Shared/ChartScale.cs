namespace Platform.Portal.Components.Shared;

/// <summary>Whole-number tick spacing (1, 2, 5, 10, 20, 50, …) that puts about five ticks under the largest value.</summary>
public static class ChartScale
{
    public static int TickFor(double max)
    {
        if (!(max > 5)) return 1;
        var rough = max / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = (rough / magnitude) switch { <= 1 => 1, <= 2 => 2, <= 5 => 5, _ => 10 };
        return (int)Math.Min(int.MaxValue, step * magnitude);
    }
}
