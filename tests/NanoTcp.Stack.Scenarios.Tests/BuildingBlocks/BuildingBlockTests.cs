using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Tcp;
using StackChecksum = NanoTcp.Wire.InternetChecksum;
using TestChecksum = NanoTcp.Scenarios.Harness.Wire.InternetChecksum;

namespace NanoTcp.Scenarios.BuildingBlocks
{
    /// <summary>
    /// The RFC building blocks on their own: sequence arithmetic, the checksum, reassembly and the byte ring.
    /// The only tests that reach the stack's internal types (InternalsVisibleTo in stack/AssemblyInfo.cs); every
    /// other test drives the public API and the wire.
    /// </summary>
    [TestClass]
    public sealed class BuildingBlockTests
    {
        [TestMethod]
        public void SequenceNumbers_CompareAcrossWrap()
        {
            // RFC 9293 §3.4: comparisons are modulo 2^32.
            Assert.IsTrue(SequenceNumber.Lt(0xFFFFFFF0u, 0x10u));
            Assert.IsTrue(SequenceNumber.Gt(0x10u, 0xFFFFFFF0u));
            Assert.AreEqual(0x20, SequenceNumber.Diff(0x10u, 0xFFFFFFF0u));
            Assert.IsTrue(SequenceNumber.InWindow(0x5u, 0xFFFFFFFEu, 0x10u));
            Assert.IsFalse(SequenceNumber.InWindow(0x10u, 0xFFFFFFFEu, 0x10u));
            Assert.IsTrue(SequenceNumber.Le(7u, 7u) && SequenceNumber.Ge(7u, 7u));
        }

        [TestMethod]
        public void InternetChecksum_MatchesTestCodecForEveryLengthAndOffset()
        {
            // RFC 1071, against the test side's independent implementation.
            var r = new System.Random(3);
            var data = new byte[1600];
            for (int len = 0; len < 1600; len += 1 + len / 50)
            {
                r.NextBytes(data);
                int offset = r.Next(0, 1600 - len + 1);
                int ours = StackChecksum.Finish(StackChecksum.Add(0, data, offset, len));
                Assert.AreEqual(TestChecksum.Compute(data, offset, len), ours, $"length {len} offset {offset}");
            }
            var ones = new byte[1500];
            for (int i = 0; i < ones.Length; i++) ones[i] = 0xFF;
            Assert.AreEqual(TestChecksum.Compute(ones, 0, 1500), StackChecksum.Finish(StackChecksum.Add(0, ones, 0, 1500)));
        }

        [TestMethod]
        public void InternetChecksum_AddIsBitExactWithAPerWordSum()
        {
            // The stack sums 8 bytes per native call and reduces words modulo 0xFFFF; its partial sum must still be
            // exactly the folded per-word sum (not only a congruent value): callers chain partial sums. (Only data
            // summing to a multiple of 0xFFFF after a non-zero start may add 0 for 0xFFFF: see the test below.)
            var r = new System.Random(11);
            var data = new byte[1600];
            for (int run = 0; run < 4000; run++)
            {
                r.NextBytes(data);
                int len = r.Next(0, 1600);
                int offset = r.Next(0, 1600 - len + 1);
                uint start = (uint)r.Next(0, 0x40000);
                Assert.AreEqual(ReferenceAdd(start, data, offset, len), StackChecksum.Add(start, data, offset, len),
                    $"length {len} offset {offset}");
            }
        }

        [TestMethod]
        public void InternetChecksum_AddKeepsZeroAndAllOnesApart()
        {
            // Words that are multiples of 0xFFFF reduce to 0 in the stack's sum; the result must still be 0xFFFF for
            // such data and 0 only for zero data (RFC 1071 §1: +0 and -0), at every length and offset.
            byte[][] patterns = { new byte[64], Fill(64, 0xFF), Fill(64, 0x00, 0xFF, 0xFF, 0x00), Fill(64, 0x7F, 0xFF, 0x80, 0x00) };
            foreach (byte[] data in patterns)
            {
                for (int offset = 0; offset < 8; offset++)
                {
                    for (int len = 0; len + offset <= data.Length; len++)
                    {
                        Assert.AreEqual(ReferenceAdd(0, data, offset, len), StackChecksum.Add(0, data, offset, len),
                            $"pattern {data[1]:X2} length {len} offset {offset}");
                        // After a non-zero partial sum (a header before a payload of zeros) only the folded value
                        // counts: +0 and -0 are the same there, and the stack skips the zero scan.
                        Assert.AreEqual(StackChecksum.Finish(ReferenceAdd(0x1234, data, offset, len)), StackChecksum.Finish(StackChecksum.Add(0x1234, data, offset, len)),
                            $"pattern {data[1]:X2} length {len} offset {offset}, after a partial sum");
                    }
                }
            }
        }

        [TestMethod]
        public void InternetChecksum_IsValid20AgreesWithTheGeneralCheck()
        {
            // The 20-byte header check must answer as IsValid(Add(...)) does: valid headers, one flipped bit, zeros
            // (sum 0, invalid), all ones (sum 0xFFFF, valid), at odd offsets too.
            var r = new System.Random(7);
            var data = new byte[64];
            for (int run = 0; run < 3000; run++)
            {
                r.NextBytes(data);
                int offset = r.Next(0, 44);
                data[offset + 10] = 0;
                data[offset + 11] = 0;
                int checksum = StackChecksum.Finish(StackChecksum.Add(0, data, offset, 20));
                data[offset + 10] = (byte)(checksum >> 8);
                data[offset + 11] = (byte)checksum;
                if (run % 3 == 1) data[offset + r.Next(0, 20)] ^= (byte)(1 << r.Next(0, 8));
                if (run % 3 == 2) data[offset + r.Next(0, 20)] = (byte)r.Next(0, 256);
                Assert.AreEqual(StackChecksum.IsValid(StackChecksum.Add(0, data, offset, 20)), StackChecksum.IsValid20(data, offset), $"run {run}");
            }
            Assert.IsFalse(StackChecksum.IsValid20(new byte[20], 0), "zeros sum to 0, not 0xFFFF");
            Assert.IsTrue(StackChecksum.IsValid20(Fill(20, 0xFF), 0), "all ones sum to 0xFFFF");
            Assert.AreEqual(StackChecksum.IsValid(StackChecksum.Add(0, Fill(20, 0x00, 0xFF, 0xFF, 0x00), 0, 20)), StackChecksum.IsValid20(Fill(20, 0x00, 0xFF, 0xFF, 0x00), 0));
        }

        [TestMethod]
        public void InternetChecksum_ValidatesWhatItComputed()
        {
            // A message with no pseudo-header (ICMP): once its checksum is written it sums to 0xFFFF (RFC 1071 §1),
            // whatever its length and offset; one flipped bit makes it invalid.
            var r = new System.Random(5);
            var data = new byte[1600];
            for (int run = 0; run < 500; run++)
            {
                r.NextBytes(data);
                int len = 4 + r.Next(0, 1500);
                int offset = r.Next(0, 1600 - len + 1);
                data[offset + 2] = 0;
                data[offset + 3] = 0;
                int checksum = StackChecksum.Finish(StackChecksum.Add(0, data, offset, len));
                data[offset + 2] = (byte)(checksum >> 8);
                data[offset + 3] = (byte)checksum;
                Assert.IsTrue(StackChecksum.IsValid(StackChecksum.Add(0, data, offset, len)), $"length {len}");
                data[offset + len - 1] ^= 0x10;
                Assert.IsFalse(StackChecksum.IsValid(StackChecksum.Add(0, data, offset, len)), $"length {len}");
            }
        }

        // The test codec's per-word sum, folded to 16 bits as the stack's Add folds its part.
        private static uint ReferenceAdd(uint sum, byte[] b, int offset, int length)
        {
            uint words = TestChecksum.Add(0, b, offset, length);
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
        public void Reassembly_MergesAndDeliversAcrossWrap()
        {
            // The table sits after other state in an int[] and extends to its end.
            const int at = 3;
            var r = new int[at + ReassemblyTable.StateLength(2)];
            uint b = 0xFFFFFFF0u; // ranges straddle 2^32
            Assert.IsTrue(ReassemblyTable.Add(r, at, U(b, 20), U(b, 30)));
            Assert.IsTrue(ReassemblyTable.Add(r, at, U(b, 40), U(b, 50)));
            Assert.IsFalse(ReassemblyTable.Add(r, at, U(b, 60), U(b, 70)), "bounded");
            Assert.IsTrue(ReassemblyTable.Add(r, at, U(b, 30), U(b, 40)), "fills the hole between two ranges");
            Assert.AreEqual(1, ReassemblyTable.Count(r, at));
            Assert.IsTrue(ReassemblyTable.TakeContiguous(r, at, U(b, 20), out uint end));
            Assert.AreEqual(U(b, 50), end);
            Assert.AreEqual(0, ReassemblyTable.Count(r, at));
            Assert.AreEqual(0, r[0] | r[1] | r[2], "the state before the table is untouched");
        }

        private static uint U(uint a, int d) => unchecked(a + (uint)d);

        [TestMethod]
        public void ByteRing_WrapsAndPeeksAtOffsets()
        {
            // A ring of 8 at offset 4 of a larger array (a connection keeps both rings in one), its state at [1], [2].
            var storage = new byte[4 + 8 + 4];
            var state = new int[3];
            const int origin = 4, capacity = 8, at = 1;
            var data = new byte[] { 1, 2, 3, 4, 5, 6 };
            ByteRing.WriteAt(storage, origin, capacity, state[at + ByteRing.Start], 0, data, 0, 6);
            state[at + ByteRing.Count] = 6;
            var out4 = new byte[4];
            ByteRing.Peek(storage, origin, capacity, state[at + ByteRing.Start], 0, out4, 0, 4);
            ByteRing.Discard(state, at, capacity, 4);
            CollectionAssert.AreEqual(new byte[] { 1, 2, 3, 4 }, out4);
            Assert.AreEqual(2, state[at + ByteRing.Count]);
            ByteRing.WriteAt(storage, origin, capacity, state[at + ByteRing.Start], 2, data, 0, 6); // wraps
            state[at + ByteRing.Count] = 8;
            var all = new byte[8];
            ByteRing.Peek(storage, origin, capacity, state[at + ByteRing.Start], 0, all, 0, 8);
            CollectionAssert.AreEqual(new byte[] { 5, 6, 1, 2, 3, 4, 5, 6 }, all);
            CollectionAssert.AreEqual(new byte[] { 0, 0, 0, 0 }, storage[..4], "nothing written before the ring");
            CollectionAssert.AreEqual(new byte[] { 0, 0, 0, 0 }, storage[12..], "nothing written after it");
        }
    }
}
