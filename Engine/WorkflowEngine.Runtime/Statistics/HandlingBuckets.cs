namespace WorkflowEngine.Runtime.Statistics;

/// <summary>
/// The fixed buckets of handling time (office minutes) that the compliance rollup counts finishes in, and from which a
/// report reads its median and 90th percentile: each working hour up to 48, each working day (8 hours) up to 480 (the
/// 60 working days of joint handling, 行政许可法 Art. 42), each half working week (20 hours) up to 1,440 (180 working
/// days: the longest limits with their extensions and pauses), then one open bucket. A percentile is bucket-accurate: it
/// is the upper bound of the bucket that holds it (a bucket holds what is above the bound below it and up to its own), so
/// it overstates by less than 1 working hour up to 48 hours, less than 8 up to 480 and less than 20 (under 4 %) up to
/// 1,440; beyond 1,440 hours it is given as 1,440 and <see cref="AtLeast"/> says it is a floor ("1440 or more"). Every bound of the earlier scheme (each hour to 24, each 8 to 160, each 40 to 480) is a
/// bound here, so the counts kept in it carry over exactly; only its open bucket past 480 hours could not be split, and
/// is kept as a count of its own (<see cref="Percentile"/>'s <c>unsplitOver480</c>).
/// </summary>
public static class HandlingBuckets
{
    /// <summary>The last bound of the earlier scheme, past which the counts it kept are not split.</summary>
    public const int UnsplitBoundMinutes = 480 * 60;

    /// <summary>The column of the finishes counted past 480 hours under the earlier scheme, their time not known closer.</summary>
    public const string UnsplitColumn = "h480_unsplit";

    private const int Unsplit = -1;

    /// <summary>The upper bound in office minutes of every bucket but the last, which has none.</summary>
    public static IReadOnlyList<int> UpperBounds { get; } = Bounds();

    /// <summary>How many buckets there are: one column each in the rollup table.</summary>
    public static int Count => UpperBounds.Count + 1;

    /// <summary>The highest bound, past which a percentile is only a floor.</summary>
    public static double LastBoundHours => UpperBounds[^1] / 60.0;

    /// <summary>The bucket's column in the rollup table.</summary>
    public static string Column(int bucket) => "h" + bucket.ToString("000", System.Globalization.CultureInfo.InvariantCulture);

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
    /// last bound, and among <paramref name="unsplitOver480"/> it is 480: floors, which <see cref="AtLeast"/> says.
    /// </summary>
    public static double? Percentile(IReadOnlyList<long> counts, double share, long unsplitOver480 = 0) =>
        BucketAt(counts, share, unsplitOver480) switch
        {
            null => null,
            Unsplit => UnsplitBoundMinutes / 60.0,
            var bucket => UpperBounds[Math.Min(bucket.Value, UpperBounds.Count - 1)] / 60.0,
        };

    /// <summary>
    /// Whether the <paramref name="share"/> percentile falls past a bound it cannot see beyond — the open bucket, or the
    /// finishes counted past 480 hours before the buckets went further — so that <see cref="Percentile"/> gives only its
    /// floor ("1440 or more", "480 or more"); false when nothing was counted.
    /// </summary>
    public static bool AtLeast(IReadOnlyList<long> counts, double share, long unsplitOver480 = 0) =>
        BucketAt(counts, share, unsplitOver480) is { } bucket && (bucket == Unsplit || bucket == UpperBounds.Count);

    /// <summary>
    /// The bucket that holds the finish the share reaches (nearest rank), <see cref="Unsplit"/> when it is one of the
    /// unsplit finishes past 480 hours (ranked just after that bound: each of them took longer); null when nothing was
    /// counted.
    /// </summary>
    private static int? BucketAt(IReadOnlyList<long> counts, double share, long unsplitOver480)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var total = counts.Sum() + unsplitOver480;
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

            if (i < UpperBounds.Count && UpperBounds[i] == UnsplitBoundMinutes)
            {
                seen += unsplitOver480;
                if (seen >= rank)
                {
                    return Unsplit;
                }
            }
        }

        return counts.Count - 1;
    }

    private static int[] Bounds()
    {
        var bounds = new List<int>();
        // Each working hour up to six working days; each working day up to 60; each half working week up to 180.
        for (var hours = 1; hours <= 48; hours++)
        {
            bounds.Add(hours * 60);
        }

        for (var hours = 56; hours <= 480; hours += 8)
        {
            bounds.Add(hours * 60);
        }

        for (var hours = 500; hours <= 1440; hours += 20)
        {
            bounds.Add(hours * 60);
        }

        return [.. bounds];
    }
}
