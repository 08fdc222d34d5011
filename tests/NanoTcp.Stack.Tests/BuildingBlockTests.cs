using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Stack.Tests.Infrastructure;
using NanoTcp.Tcp;

namespace NanoTcp.Stack.Tests
{
    /// <summary>The RFC building blocks on their own: sequence arithmetic, RTO, ISNs, reassembly, rings, impairment.</summary>
    [TestClass]
    public sealed class BuildingBlockTests
    {
        [TestMethod]
        public void SequenceNumbers_CompareAcrossWrap()
        {
            Assert.IsTrue(SequenceNumber.Lt(0xFFFFFFF0u, 0x10u));
            Assert.IsTrue(SequenceNumber.Gt(0x10u, 0xFFFFFFF0u));
            Assert.AreEqual(0x20, SequenceNumber.Diff(0x10u, 0xFFFFFFF0u));
            Assert.IsTrue(SequenceNumber.InWindow(0x5u, 0xFFFFFFFEu, 0x10u));
            Assert.IsFalse(SequenceNumber.InWindow(0x10u, 0xFFFFFFFEu, 0x10u));
            Assert.IsTrue(SequenceNumber.Le(7u, 7u) && SequenceNumber.Ge(7u, 7u));
        }

        [TestMethod]
        public void InternetChecksum_MatchesReferenceForEveryLengthAndOffset()
        {
            var r = new System.Random(3);
            var data = new byte[1600];
            for (int len = 0; len < 1600; len += 1 + len / 50)
            {
                r.NextBytes(data);
                int offset = r.Next(0, 1600 - len + 1);
                int ours = NanoTcp.Wire.InternetChecksum.Finish(NanoTcp.Wire.InternetChecksum.Add(0, data, offset, len));
                int reference = Packets.Checksum(data, offset, len);
                Assert.AreEqual(reference, ours, $"length {len} offset {offset}");
            }
            var ones = new byte[1500];
            for (int i = 0; i < ones.Length; i++) ones[i] = 0xFF;
            Assert.AreEqual(Packets.Checksum(ones, 0, 1500), NanoTcp.Wire.InternetChecksum.Finish(NanoTcp.Wire.InternetChecksum.Add(0, ones, 0, 1500)));
        }

        [TestMethod]
        public void InternetChecksum_AddIsBitExactWithAPerWordSum()
        {
            // The word-at-a-time sum must return exactly what a plain RFC 1071 per-word sum returns (not only a
            // congruent value): callers chain partial sums and compare them.
            var r = new System.Random(11);
            var data = new byte[1600];
            for (int run = 0; run < 4000; run++)
            {
                r.NextBytes(data);
                int len = r.Next(0, 1600);
                int offset = r.Next(0, 1600 - len + 1);
                uint start = (uint)r.Next(0, 0x40000);
                Assert.AreEqual(ReferenceAdd(start, data, offset, len), NanoTcp.Wire.InternetChecksum.Add(start, data, offset, len),
                    $"length {len} offset {offset}");
            }
        }

        [TestMethod]
        public void InternetChecksum_AddKeepsZeroAndAllOnesApart()
        {
            // Words that are multiples of 0xFFFF reduce to 0 in the fast sum; the result must still be 0xFFFF
            // for such data and 0 only for zero data (RFC 1071 §1: +0 and -0), at every length and offset.
            byte[][] patterns = { new byte[64], Fill(64, 0xFF), Fill(64, 0x00, 0xFF, 0xFF, 0x00), Fill(64, 0x7F, 0xFF, 0x80, 0x00) };
            foreach (byte[] data in patterns)
            {
                for (int offset = 0; offset < 8; offset++)
                {
                    for (int len = 0; len + offset <= data.Length; len++)
                    {
                        Assert.AreEqual(ReferenceAdd(0, data, offset, len), NanoTcp.Wire.InternetChecksum.Add(0, data, offset, len),
                            $"pattern {data[1]:X2} length {len} offset {offset}");
                    }
                }
            }
        }

        [TestMethod]
        public void InternetChecksum_ValidatesWhatItComputed()
        {
            // An ICMP-style message with no pseudo-header: after the checksum is written the message sums to
            // 0xFFFF (RFC 1071 §1), whatever its length and where it sits in the buffer.
            var r = new System.Random(5);
            var data = new byte[1600];
            for (int run = 0; run < 500; run++)
            {
                r.NextBytes(data);
                int len = 4 + r.Next(0, 1500);
                int offset = r.Next(0, 1600 - len + 1);
                data[offset + 2] = 0;
                data[offset + 3] = 0;
                int checksum = NanoTcp.Wire.InternetChecksum.Finish(NanoTcp.Wire.InternetChecksum.Add(0, data, offset, len));
                data[offset + 2] = (byte)(checksum >> 8);
                data[offset + 3] = (byte)checksum;
                Assert.IsTrue(NanoTcp.Wire.InternetChecksum.IsValid(NanoTcp.Wire.InternetChecksum.Add(0, data, offset, len)), $"length {len}");
                data[offset + len - 1] ^= 0x10;
                Assert.IsFalse(NanoTcp.Wire.InternetChecksum.IsValid(NanoTcp.Wire.InternetChecksum.Add(0, data, offset, len)), $"length {len}");
            }
        }

        // RFC 1071 §4.1 as written: big-endian 16-bit words, an odd last byte padded with zero, carries folded.
        private static uint ReferenceAdd(uint sum, byte[] b, int offset, int length)
        {
            uint words = 0;
            for (int i = 0; i < length; i += 2)
            {
                words += (uint)(b[offset + i] << 8) + (i + 1 < length ? b[offset + i + 1] : 0u);
            }
            while ((words >> 16) != 0) words = (words & 0xFFFF) + (words >> 16);
            return sum + words;
        }

        private static byte[] Fill(int length, params byte[] pattern)
        {
            var data = new byte[length];
            for (int i = 0; i < length; i++) data[i] = pattern[i % pattern.Length];
            return data;
        }

        [TestMethod]
        public void Rto_Rfc6298_InitialSamplesClampAndBackoff()
        {
            var rto = new RetransmissionTimer();
            rto.Configure(1000, 200, 60000);
            Assert.AreEqual(1000, rto.RtoMs);
            rto.AddSample(100);                      // SRTT 100, RTTVAR 50 → 300
            Assert.AreEqual(300, rto.RtoMs);
            rto.AddSample(100);                      // RTTVAR 37, SRTT 100 → 248
            Assert.AreEqual(248, rto.RtoMs);
            rto.AddSample(1);                        // clamps at the minimum or above
            Assert.IsTrue(rto.RtoMs >= 200);
            for (int i = 0; i < 20; i++) rto.Backoff();
            Assert.AreEqual(60000, rto.RtoMs);
        }

        [TestMethod]
        public void S19_Isn_KeyedPerTuple_IncreasingWithTime()
        {
            var isn = new InitialSequenceNumber(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 });
            uint a = isn.Next(1, 80, 2, 40000, 0), b = isn.Next(1, 80, 2, 40001, 0);
            Assert.AreNotEqual(a, b);
            Assert.IsTrue(System.Numerics.BitOperations.PopCount(a ^ b) > 6, "neighbouring tuples look unrelated");
            Assert.AreEqual(a + 250u * 1000, isn.Next(1, 80, 2, 40000, 1000), "same tuple advances with the 4 µs clock");
            var other = new InitialSequenceNumber(new byte[16]);
            Assert.AreNotEqual(a, other.Next(1, 80, 2, 40000, 0), "depends on the secret");
        }

        [TestMethod]
        public void Reassembly_MergesAndDeliversAcrossWrap()
        {
            var r = new ReassemblyTable(2);
            uint b = 0xFFFFFFF0u; // ranges straddle 2^32
            Assert.IsTrue(r.Add(U(b, 20), U(b, 30)));
            Assert.IsTrue(r.Add(U(b, 40), U(b, 50)));
            Assert.IsFalse(r.Add(U(b, 60), U(b, 70)), "bounded");
            Assert.IsTrue(r.Add(U(b, 30), U(b, 40)), "fills the hole between two ranges");
            Assert.AreEqual(1, r.Count);
            Assert.IsTrue(r.TakeContiguous(U(b, 20), out uint end));
            Assert.AreEqual(U(b, 50), end);
            Assert.AreEqual(0, r.Count);
        }

        private static uint U(uint a, int d) => unchecked(a + (uint)d);

        [TestMethod]
        public void ByteRing_WrapsAndPeeksAtOffsets()
        {
            var ring = new ByteRing(8);
            var data = new byte[] { 1, 2, 3, 4, 5, 6 };
            Assert.AreEqual(6, ring.Append(data, 0, 6));
            var out4 = new byte[4];
            Assert.AreEqual(4, ring.Read(out4, 0, 4));
            Assert.AreEqual(6, ring.Append(data, 0, 6));
            Assert.AreEqual(0, ring.Append(data, 0, 1), "full");
            var all = new byte[8];
            ring.Peek(0, all, 0, 8);
            CollectionAssert.AreEqual(new byte[] { 5, 6, 1, 2, 3, 4, 5, 6 }, all);
        }

        [TestMethod]
        public void ImpairedLink_SameSeedSameFate()
        {
            string Run(int seed)
            {
                var a = new WireEnd(); var b = new WireEnd(); WireEnd.Connect(a, b);
                var link = new ImpairedLink(a, seed) { LossRate = 0.3, DuplicateRate = 0.2, CorruptRate = 0.2 };
                var frame = new byte[64];
                for (int i = 0; i < 200; i++) { frame[0] = (byte)i; link.Transmit(frame, 0, 64); }
                var sb = new System.Text.StringBuilder();
                int n;
                while ((n = b.Inbound.Dequeue(frame, 0, 64)) > 0) sb.Append(frame[0]).Append(',').Append(Packets.Checksum(frame, 0, 64)).Append(';');
                return sb.ToString() + link.Lost + "/" + link.Duplicated + "/" + link.Corrupted;
            }
            Assert.AreEqual(Run(42), Run(42));
            Assert.AreNotEqual(Run(42), Run(43));
        }
    }
}
