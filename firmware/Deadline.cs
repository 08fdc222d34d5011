namespace NanoTcp.Firmware
{
    /// <summary>Combining absolute deadlines (ms; long.MaxValue = none), as every Poll in the application returns them.</summary>
    public static class Deadline
    {
        /// <summary>The earlier of two deadlines.</summary>
        public static long Earliest(long a, long b) => b < a ? b : a;
    }
}
