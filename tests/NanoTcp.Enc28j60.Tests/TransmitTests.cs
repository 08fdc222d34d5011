using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Enc28j60.Emulation;
using NanoTcp.Enc28j60.Tests.Harness;

namespace NanoTcp.Enc28j60.Tests
{
    /// <summary>ENC28J60 facts §11.6 checks 21–29: transmit path.</summary>
    [TestClass]
    public sealed class TransmitTests
    {
        private const int TxStart = 0x1A00;

        private static byte[] Tsv(Rig rig)
        {
            int end = rig.Register16(0, 0x06);
            return Enumerable.Range(end + 1, 7).Select(a => rig.Chip.PeekBuffer(a)).ToArray();
        }

        [TestMethod]
        public void E21_Frame42Bytes_PaddedTo60WithFcs_ControlByteZero_EtxndIsStartPlus42()
        {
            var rig = new Rig();
            byte[] frame = Rig.MakeOutgoingFrame(42, 21);
            Assert.IsTrue(rig.Driver.Transmit(frame, 0, 42));
            Assert.IsTrue(rig.Driver.FlushTransmit());

            Assert.AreEqual(1, rig.Wire.Frames.Count);
            CollectionAssert.AreEqual(Rig.Padded(frame), rig.Wire.Frames[0], "60 bytes on the wire");
            CollectionAssert.AreEqual(Rig.WithFcs(Rig.Padded(frame)), rig.Chip.LastTransmittedFrameWithFcs,
                "64 bytes with the correct FCS");
            Assert.AreEqual(TxStart, rig.Register16(0, 0x04), "ETXST");
            Assert.AreEqual(0x00, rig.Chip.PeekBuffer(TxStart), "control byte");
            Assert.AreEqual(TxStart + 42, rig.Register16(0, 0x06), "ETXND");
            byte[] tsv = Tsv(rig);
            Assert.AreEqual(64, tsv[0] | (tsv[1] << 8), "60 bytes + FCS");
            Assert.AreEqual(0, tsv[2] & 0x10, "appended FCS correct (TSV bit 20 clear)");
            Assert.AreEqual(0x80, tsv[2] & 0x80, "done");
            rig.AssertNoViolations();
        }

        [TestMethod]
        public void E22_Frame1514Bytes_TsvDone_TxifSet_TxrtsClear_Success()
        {
            var rig = new Rig();
            byte[] frame = Rig.MakeOutgoingFrame(1514, 22);
            Assert.IsTrue(rig.Driver.Transmit(frame, 0, frame.Length));
            Assert.IsTrue(rig.Driver.FlushTransmit());
            Assert.IsTrue(rig.Driver.LastTransmitSucceeded);

            byte[] tsv = Tsv(rig);
            Assert.AreEqual(1518, tsv[0] | (tsv[1] << 8));
            Assert.AreEqual(0x80, tsv[2] & 0x80, "TSV done bit");
            Assert.AreEqual(0x08, rig.Register(0, 0x1C) & 0x08, "TXIF");
            Assert.AreEqual(0, rig.Register(0, 0x1F) & 0x08, "TXRTS cleared");
            CollectionAssert.AreEqual(frame, rig.Wire.Frames[0]);
            Assert.AreEqual(1, rig.Driver.Counters.FramesOut);
            Assert.AreEqual(1514, rig.Driver.Counters.BytesOut);

            // Back to back, the steady state stays within the budget of 9 SPI transactions per frame.
            long spiBefore = rig.Spy.Count;
            for (int i = 0; i < 10; i++)
            {
                Assert.IsTrue(rig.Driver.Transmit(frame, 0, frame.Length));
            }

            Assert.IsTrue(rig.Driver.FlushTransmit());
            double perFrame = (rig.Spy.Count - spiBefore) / 10.0;
            Assert.IsTrue(perFrame <= 9, $"{perFrame} SPI transactions per transmitted frame (budget 9)");
            Assert.AreEqual(11, rig.Wire.Frames.Count);
            rig.AssertNoViolations();
        }

        [TestMethod]
        public void E23_NeverTouchesTxBufferWhileTxrts_NeverStartsBeforePreviousCompleted()
        {
            var rig = new Rig();
            Assert.IsFalse(rig.Chip.Options.InstantTransmit);
            bool inFlight = false;
            rig.Spy.BeforeTransaction = (opcode, argument) =>
            {
                inFlight = (rig.Register(0, 0x1F) & 0x08) != 0;
                if (!inFlight)
                {
                    return;
                }

                Assert.AreNotEqual(0x7A, opcode, "WBM while TXRTS");
                bool pointerWrite = (opcode & 0xE0) == 0x40 && (rig.Register(0, 0x1F) & 0x03) == 0
                    && (opcode & 0x1F) >= 0x04 && (opcode & 0x1F) <= 0x07;
                Assert.IsFalse(pointerWrite, "ETXST/ETXND written while TXRTS");
                bool startAgain = opcode == (0x80 | 0x1F) && (argument & 0x08) != 0;
                Assert.IsFalse(startAgain, "TXRTS set while the previous frame is in flight");
            };

            var sent = new List<byte[]>();
            for (int i = 0; i < 30; i++)
            {
                byte[] frame = Rig.MakeOutgoingFrame(60 + i * 48, 2300 + i);
                Assert.IsTrue(rig.Driver.Transmit(frame, 0, frame.Length));
                sent.Add(frame);
            }

            Assert.IsTrue(rig.Driver.FlushTransmit());
            Assert.AreEqual(30, rig.Wire.Frames.Count);
            for (int i = 0; i < 30; i++)
            {
                CollectionAssert.AreEqual(sent[i], rig.Wire.Frames[i]);
            }

            Assert.AreEqual(0, rig.Chip.TransmitCancellations);
            rig.AssertNoViolations();
        }

        [TestMethod]
        public void E24_Errata12_AbortThenNextFrameCompletes_TxrstToggledAndTxerifClearedAfter()
        {
            var rig = new Rig();
            Assert.IsTrue(rig.Chip.Options.Erratum12TxAbortStallsTransmitter);
            rig.Chip.InjectTxAbort();
            Assert.IsTrue(rig.Driver.Transmit(Rig.MakeOutgoingFrame(100, 24), 0, 100));
            Assert.IsFalse(rig.Driver.FlushTransmit());

            byte[] next = Rig.MakeOutgoingFrame(200, 25);
            Assert.IsTrue(rig.Driver.Transmit(next, 0, next.Length));
            Assert.IsTrue(rig.Driver.FlushTransmit());
            CollectionAssert.AreEqual(next, rig.Wire.Frames.Single());
            Assert.AreEqual(0, rig.Driver.Counters.TransmitHangs, "no timeout was needed");

            // Before every TXRTS: BFS TXRST, BFC TXRST, BFC EIR.TXIF|TXERIF, in that order.
            List<Enc28j60RegisterAccess> log = rig.Log;
            int starts = 0;
            for (int i = 0; i < log.Count; i++)
            {
                if (log[i].Address == 0x1F && log[i].Kind == RegisterAccessKind.BitSet && (log[i].Operand & 0x08) != 0)
                {
                    starts++;
                    Assert.IsTrue(log[i - 1].Address == 0x1C && log[i - 1].Kind == RegisterAccessKind.BitClear
                        && (log[i - 1].Operand & 0x0A) == 0x0A, "TXIF|TXERIF cleared just before TXRTS");
                    Assert.IsTrue(log[i - 2].Address == 0x1F && log[i - 2].Kind == RegisterAccessKind.BitClear
                        && (log[i - 2].Operand & 0x80) != 0, "TXRST released before the flag clear");
                    Assert.IsTrue(log[i - 3].Address == 0x1F && log[i - 3].Kind == RegisterAccessKind.BitSet
                        && (log[i - 3].Operand & 0x80) != 0, "TXRST set first");
                }
            }

            Assert.AreEqual(2, starts);
            rig.AssertNoViolations();
        }

        [TestMethod]
        public void E25_Errata13_LateCollisionsRetried_GivesUpAfterBound()
        {
            var rig = new Rig(chip: o => o.Erratum13LateCollisionProbability = 0, driver: o => o.FullDuplex = false);
            Assert.AreEqual(0x06, rig.Driver.Revision);

            for (int i = 0; i < 3; i++)
            {
                rig.Chip.InjectLateCollision();
            }

            byte[] frame = Rig.MakeOutgoingFrame(500, 25);
            Assert.IsTrue(rig.Driver.Transmit(frame, 0, frame.Length));
            Assert.IsTrue(rig.Driver.FlushTransmit());
            Assert.AreEqual(1, rig.Wire.Frames.Count, "on the wire exactly once");
            CollectionAssert.AreEqual(frame, rig.Wire.Frames[0]);
            Assert.AreEqual(3, rig.Driver.Counters.LateCollisions);
            Assert.AreEqual(3, rig.Driver.Counters.TransmitRetries);

            for (int i = 0; i < 20; i++)
            {
                rig.Chip.InjectLateCollision();
            }

            long aborts = rig.Chip.TransmitAborts;
            Assert.IsTrue(rig.Driver.Transmit(Rig.MakeOutgoingFrame(500, 26), 0, 500));
            Assert.IsFalse(rig.Driver.FlushTransmit(), "gave up");
            Assert.AreEqual(17, rig.Chip.TransmitAborts - aborts, "1 attempt + 16 retries");
            Assert.AreEqual(1, rig.Wire.Frames.Count);
            Assert.AreEqual(1, rig.Driver.Counters.TransmitErrors);

            // The three collisions still armed are absorbed by the next frame's retries.
            byte[] later = Rig.MakeOutgoingFrame(80, 27);
            Assert.IsTrue(rig.Driver.Transmit(later, 0, later.Length));
            Assert.IsTrue(rig.Driver.FlushTransmit());
            CollectionAssert.AreEqual(later, rig.Wire.Frames.Last());
            rig.AssertNoViolations();
        }

        [TestMethod]
        public void E26_Errata15_LatecolNeverSet_RetryDecidedFromTsvBit29()
        {
            var rig = new Rig(chip: o => o.Erratum13LateCollisionProbability = 0, driver: o => o.FullDuplex = false);
            Assert.IsTrue(rig.Chip.Options.Erratum15LatecolUnreliable);
            bool latecolSeen = false;
            rig.Spy.BeforeTransaction = (op, arg) => latecolSeen |= (rig.Register(0, 0x1D) & 0x10) != 0;

            rig.Chip.InjectLateCollision();
            rig.Chip.InjectLateCollision();
            byte[] frame = Rig.MakeOutgoingFrame(300, 26);
            Assert.IsTrue(rig.Driver.Transmit(frame, 0, frame.Length));
            Assert.IsTrue(rig.Driver.FlushTransmit());
            Assert.IsFalse(latecolSeen, "ESTAT.LATECOL never set in this mode");
            Assert.AreEqual(2, rig.Driver.Counters.TransmitRetries);
            CollectionAssert.AreEqual(frame, rig.Wire.Frames.Single());

            // An abort that is not a late collision (TSV bit 29 clear) is not retried.
            rig.Chip.InjectTxAbort();
            Assert.IsTrue(rig.Driver.Transmit(frame, 0, frame.Length));
            Assert.IsFalse(rig.Driver.FlushTransmit());
            Assert.AreEqual(2, rig.Driver.Counters.TransmitRetries);
            rig.AssertNoViolations();
        }

        [TestMethod]
        public void E27_TxHang_TimesOutWithin10ms_ResetsTxLogic_LaterFramesSent()
        {
            var rig = new Rig();
            rig.Chip.InjectTxHang();
            long start = rig.Chip.NowMicroseconds;
            Assert.IsTrue(rig.Driver.Transmit(Rig.MakeOutgoingFrame(100, 27), 0, 100));
            Assert.IsFalse(rig.Driver.FlushTransmit());
            long elapsed = rig.Chip.NowMicroseconds - start;
            Assert.IsTrue(elapsed <= 10_500, $"hang detected after {elapsed} µs");
            Assert.AreEqual(1, rig.Driver.Counters.TransmitHangs);
            Assert.AreEqual(0, rig.Register(0, 0x1F) & 0x88, "TXRTS and TXRST clear");

            for (int i = 0; i < 3; i++)
            {
                byte[] frame = Rig.MakeOutgoingFrame(100 + i, 2700 + i);
                Assert.IsTrue(rig.Driver.Transmit(frame, 0, frame.Length));
                Assert.IsTrue(rig.Driver.FlushTransmit());
                CollectionAssert.AreEqual(frame, rig.Wire.Frames.Last());
            }

            Assert.AreEqual(3, rig.Wire.Frames.Count);
            rig.AssertNoViolations();
        }

        [TestMethod]
        public void E28_AfterAbortedFrame_NextGoodFrameReportedAsSuccess()
        {
            var rig = new Rig();
            rig.Chip.InjectTxAbort();
            Assert.IsTrue(rig.Driver.Transmit(Rig.MakeOutgoingFrame(100, 28), 0, 100));
            Assert.IsFalse(rig.Driver.FlushTransmit());
            Assert.IsFalse(rig.Driver.LastTransmitSucceeded);
            Assert.AreEqual(0, rig.Register(0, 0x1D) & 0x12, "TXABRT/LATECOL cleared after handling");

            for (int i = 0; i < 5; i++)
            {
                Assert.IsTrue(rig.Driver.Transmit(Rig.MakeOutgoingFrame(100, 2800 + i), 0, 100));
                Assert.IsTrue(rig.Driver.FlushTransmit(), $"frame {i} reported as success");
            }

            Assert.AreEqual(1, rig.Driver.Counters.TransmitErrors);
            Assert.AreEqual(5, rig.Driver.Counters.FramesOut);
            rig.AssertNoViolations();
        }

        [TestMethod]
        public void E29_TxifClearedBeforeTxrtsSet()
        {
            var rig = new Rig();
            int starts = 0;
            rig.Spy.BeforeTransaction = (opcode, argument) =>
            {
                if (opcode == (0x80 | 0x1F) && (argument & 0x08) != 0)
                {
                    starts++;
                    Assert.AreEqual(0, rig.Register(0, 0x1C) & 0x0A, "TXIF/TXERIF still set when TXRTS is set");
                }
            };

            rig.Chip.InjectLateCollision();
            for (int i = 0; i < 10; i++)
            {
                Assert.IsTrue(rig.Driver.Transmit(Rig.MakeOutgoingFrame(64, 2900 + i), 0, 64));
            }

            Assert.IsTrue(rig.Driver.FlushTransmit());
            Assert.AreEqual(11, starts, "10 frames + 1 late-collision retry");
            rig.AssertNoViolations();
        }
    }
}
