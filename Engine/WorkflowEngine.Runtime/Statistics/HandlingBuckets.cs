namespace WorkflowEngine.Runtime.Statistics;

/// <summary>
/// The fixed buckets of handling time (office minutes) that the compliance rollup counts finishes in, and from which a
/// report reads its median and 90th percentile. A percentile is bucket-accurate: it is the upper bound of the bucket
/// that holds it (a bucket holds what is above the bound below it and up to its own), so it overstates by less than one
/// working hour up to 24 working hours, less than 8 up to 160, less than 40 up to 480; beyond 480 hours it is given as
/// 480 and <see cref="AtLeast"/> says it is a floor ("480 or more").
/// </summary>
public static class HandlingBuckets
{
    /// <summary>The upper bound in office minutes of every bucket but the last, which has none.</summary>
    public static IReadOnlyList<int> UpperBounds { get; } = Bounds();

    /// <summary>How many buckets there are: one column each in the rollup table.</summary>
    public static int Count => UpperBounds.Count + 1;

    /// <summary>The bucket's column in the rollup table.</summary>
    public static string Column(int bucket) => "h" + bucket.ToString("00", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The bucket that holds <paramref name="minutes"/> of handling: the first whose upper bound is not below it.</summary>
    public static int Of(int minutes)
    {
        for (var i = 0; i < UpperBounds.Count; i++)
        {
            if (minutes <= UpperBounds[i])
            {
                return i;
            }
        }

        return UpperBounds.Count;
    }

    /// <summary>
    /// The working hours under which <paramref name="share"/> of the counted finishes fall (0.5 for the median), read as
    /// the upper bound of the bucket that holds that rank; null when nothing was counted. In the open bucket this is the
    /// last bound, a floor: <see cref="AtLeast"/> says so.
    /// </summary>
    public static double? Percentile(IReadOnlyList<long> counts, double share) =>
        BucketAt(counts, share) is { } bucket ? UpperBounds[Math.Min(bucket, UpperBounds.Count - 1)] / 60.0 : null;

    /// <summary>
    /// Whether the <paramref name="share"/> percentile falls in the open bucket past the last bound, so that
    /// <see cref="Percentile"/> gives only its floor ("480 or more"); false when nothing was counted.
    /// </summary>
    public static bool AtLeast(IReadOnlyList<long> counts, double share) => BucketAt(counts, share) == UpperBounds.Count;

    /// <summary>The bucket that holds the finish the share reaches (nearest rank); null when nothing was counted.</summary>
    private static int? BucketAt(IReadOnlyList<long> counts, double share)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var total = counts.Sum();
        if (total == 0)
        {
            return null;
        }

        // The rank of the finish that the share reaches, counted from 1 (nearest-rank).
        var rank = Math.Max(1, (long)Math.Ceiling(share * total));
        long seen = 0;
        for (var i = 0; i < counts.Count; i++)
        {
            seen += counts[i];
            if (seen >= rank)
            {
                return i;
            }
        }

        return counts.Count - 1;
    }

    private static int[] Bounds()
    {
        var bounds = new List<int>();
        // Each working hour up to three working days; each 8 hours up to 160; each 40 up to 480.
        for (var hours = 1; hours <= 24; hours++)
        {
            bounds.Add(hours * 60);
        }

        for (var hours = 32; hours <= 160; hours += 8)
        {
            bounds.Add(hours * 60);
        }

        for (var hours = 200; hours <= 480; hours += 40)
        {
            bounds.Add(hours * 60);
        }

        return [.. bounds];
    }
}
