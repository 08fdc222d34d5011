using NanoTcp.Wire;

namespace NanoTcp.Dns
{
    /// <summary>The 12-byte DNS message header (RFC 1035 §4.1.1) as static accessors over <c>byte[] + offset</c>.</summary>
    internal static class DnsHeader
    {
        public const int Length = 12;
        public const int Port = 53;
        public const int TypeA = 1, TypeCname = 5, TypeAny = 255, ClassIn = 1;
        public const int RcodeNameError = 3;
        private const int FlagResponse = 0x8000;
        private const int OpcodeMask = 0x7800;
        private const int FlagAuthoritative = 0x0400;
        private const int FlagTruncated = 0x0200;
        private const int FlagRecursionDesired = 0x0100;

        public static int Id(byte[] b, int o) { return NetworkOrder.Read16(b, o); }
        public static int Flags(byte[] b, int o) { return NetworkOrder.Read16(b, o + 2); }
        public static bool IsResponse(byte[] b, int o) { return (Flags(b, o) & FlagResponse) != 0; }
        public static int Opcode(byte[] b, int o) { return (Flags(b, o) & OpcodeMask) >> 11; }
        public static int Rcode(byte[] b, int o) { return Flags(b, o) & 0x000F; }
        public static bool IsTruncated(byte[] b, int o) { return (Flags(b, o) & FlagTruncated) != 0; }
        public static int QuestionCount(byte[] b, int o) { return NetworkOrder.Read16(b, o + 4); }
        public static int AnswerCount(byte[] b, int o) { return NetworkOrder.Read16(b, o + 6); }
        public static int AuthorityCount(byte[] b, int o) { return NetworkOrder.Read16(b, o + 8); }
        public static int AdditionalCount(byte[] b, int o) { return NetworkOrder.Read16(b, o + 10); }

        /// <summary>A standard query with one question (RFC 1035 §4.1.1), recursion desired for a stub resolver.</summary>
        public static void WriteQuery(byte[] b, int o, int id, bool recursionDesired)
        {
            NetworkOrder.Write16(b, o, id);
            NetworkOrder.Write16(b, o + 2, recursionDesired ? FlagRecursionDesired : 0);
            NetworkOrder.Write16(b, o + 4, 1);
            NetworkOrder.Write16(b, o + 6, 0);
            NetworkOrder.Write16(b, o + 8, 0);
            NetworkOrder.Write16(b, o + 10, 0);
        }

        /// <summary>An authoritative response (mDNS, RFC 6762 §18) with <paramref name="questions"/> and <paramref name="answers"/>.</summary>
        public static void WriteResponse(byte[] b, int o, int id, int questions, int answers)
        {
            NetworkOrder.Write16(b, o, id);
            NetworkOrder.Write16(b, o + 2, FlagResponse | FlagAuthoritative);
            NetworkOrder.Write16(b, o + 4, questions);
            NetworkOrder.Write16(b, o + 6, answers);
            NetworkOrder.Write16(b, o + 8, 0);
            NetworkOrder.Write16(b, o + 10, 0);
        }
    }
}
