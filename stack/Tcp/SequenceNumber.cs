namespace NanoTcp.Tcp
{
    /// <summary>
    /// Sequence-number arithmetic modulo 2^32 (RFC 9293 §3.4, RFC 1982 serial numbers): a is "before" b when
    /// the signed 32-bit difference a − b is negative. The only place wrap-around is handled.
    /// </summary>
    internal static class SequenceNumber
    {
        /// <summary>a − b as a signed distance (valid while the two are within 2^31 of each other).</summary>
        public static int Diff(uint a, uint b)
        {
            return (int)(a - b);
        }

        public static bool Lt(uint a, uint b) { return (int)(a - b) < 0; }
        public static bool Le(uint a, uint b) { return (int)(a - b) <= 0; }
        public static bool Gt(uint a, uint b) { return (int)(a - b) > 0; }
        public static bool Ge(uint a, uint b) { return (int)(a - b) >= 0; }

        /// <summary>low ≤ x &lt; high in sequence space.</summary>
        public static bool InWindow(uint x, uint low, uint high)
        {
            return Le(low, x) && Lt(x, high);
        }
    }
}
