using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Enc28j60.Emulation;
using NanoTcp.Enc28j60.Tests.Harness;

namespace NanoTcp.Enc28j60.Tests
{
    /// <summary>ENC28J60 facts §11.6 checks 8–20: receive path.</summary>
    [TestClass]
    public sealed class ReceiveTests
    {
        private const int RingEnd = 0x19FF;
        private const int RingSize = RingEnd + 1;

        [TestMethod]
        public void E08_ArpRequest42Bytes_ArrivesAs60Bytes_FcsNotPassedUp()
        {
            var rig = new Rig();
            byte[] arp = Rig.MakeFrame(Rig.BroadcastMac, 42, 8);
            arp[12] = 0x08;
            arp[13] = 0x06;
            rig.Inject(arp);
            byte[] received = rig.ReceiveOne();
            Assert.AreEqual(60, received.Length);
            CollectionAssert.AreEqual(Rig.Padded(arp), received);
            Assert.AreEqual(60, rig.Driver.Counters.BytesIn);
            rig.AssertNoViolations();
        }

        [TestMethod]
        public void E09_OddByteCount_NextPointerEven_FollowingFrameIntact()
        {
            var rig = new Rig();
            byte[] odd = Rig.MakeFrame(Rig.OurMac, 61, 9);
            byte[] following = Rig.MakeFrame(Rig.OurMac, 100, 10);
            rig.Inject(odd);
            rig.Inject(following);

            int next = rig.Chip.PeekBuffer(0) | (rig.Chip.PeekBuffer(1) << 8);
            int byteCount = rig.Chip.PeekBuffer(2) | (rig.Chip.PeekBuffer(3) << 8);
            Assert.AreEqual(65, byteCount, "61 bytes + FCS");
            Assert.AreEqual(0, next & 1, "next pointer even");
            Assert.AreEqual(6 + 66, next, "pad byte skipped");

            Rig.AssertFrame(odd, rig.ReceiveOne());
            Rig.AssertFrame(following, rig.ReceiveOne());
            rig.AssertNoViolations();
        }

        [TestMethod]
        public void E10_FiftyRandomFrames_WrapRingSeveralTimes_ErxrdptAlwaysOddAndInRing()
        {
            var rig = new Rig();
            var random = new Random(10);
            var commits = new List<int>();
            int latchedLow = -1;
            rig.Chip.RegisterAccessed += a =>
            {
                if (a.Bank == 0 && a.Kind == RegisterAccessKind.Write && a.Address == 0x0C)
                {
                    latchedLow = a.Operand;
                }
                else if (a.Bank == 0 && a.Kind == RegisterAccessKind.Write && a.Address == 0x0D)
                {
                    Assert.IsTrue(latchedLow >= 0, "ERXRDPTH written without ERXRDPTL first");
                    commits.Add(latchedLow | (a.Operand << 8));
                    latchedLow = -1;
                }
            };

            int start = 0;
            var expectedCommits = new List<int>();
            long totalStored = 0;
            for (int i = 0; i < 50; i++)
            {
                int length = random.Next(60, 1515);
                byte[] frame = Rig.MakeFrame(Rig.OurMac, length, 1000 + i);
                rig.Inject(frame);
                Rig.AssertFrame(frame, rig.ReceiveOne());
                Assert.IsNull(rig.ReceiveOne());

                int stored = 6 + ((length + 4 + 1) & ~1);
                totalStored += stored;
                start = (start + stored) % RingSize;
                expectedCommits.Add(start == 0 ? RingEnd : start - 1);
            }

            Assert.IsTrue(totalStored > 3 * RingSize, "the ring wrapped several times");
            CollectionAssert.AreEqual(expectedCommits, commits);
            foreach (int commit in commits)
            {
                Assert.AreEqual(1, commit & 1, "ERXRDPT odd (errata #14)");
                Assert.IsTrue(commit >= 0 && commit <= RingEnd, "ERXRDPT inside the ring");
            }

            rig.AssertNoViolations();
        }

        [TestMethod]
        public void E11_HeaderAndPayloadStraddlingRingEnd_ParsedCorrectly()
        {
            var rig = new Rig();

            // 4 × 1524 + 558 = 6654 = 0x19FE: the fifth packet's header starts 2 bytes before ERXND.
            foreach (int length in new[] { 1514, 1514, 1514, 1514, 548 })
            {
                byte[] filler = Rig.MakeFrame(Rig.OurMac, length, length);
                rig.Inject(filler);
                Rig.AssertFrame(filler, rig.ReceiveOne());
            }

            Assert.AreEqual(0x19FE, rig.Register16(0, 0x0E), "ERXWRPT just before ERXND");
            byte[] headerStraddles = Rig.MakeFrame(Rig.OurMac, 100, 11);
            rig.Inject(headerStraddles);
            Rig.AssertFrame(headerStraddles, rig.ReceiveOne());

            // From 108: 3 × 1524 + 1320 = 5892 → the next packet starts at 6000 and its payload crosses ERXND.
            foreach (int length in new[] { 1514, 1514, 1514, 1310 })
            {
                byte[] filler = Rig.MakeFrame(Rig.OurMac, length, length + 1);
                rig.Inject(filler);
                Rig.AssertFrame(filler, rig.ReceiveOne());
            }

            Assert.AreEqual(6000, rig.Register16(0, 0x0E));
            byte[] payloadStraddles = Rig.MakeFrame(Rig.OurMac, 1000, 12);
            rig.Inject(payloadStraddles);
            Rig.AssertFrame(payloadStraddles, rig.ReceiveOne());
            rig.AssertNoViolations();
        }

        [TestMethod]
        public void E12_Burst20Frames_DrainedInOneService_Exactly20Pktdec()
        {
            var rig = new Rig();
            var frames = Enumerable.Range(0, 20).Select(i => Rig.MakeFrame(Rig.OurMac, 60 + i * 13, 1200 + i)).ToList();
            frames.ForEach(rig.Inject);
            Assert.AreEqual(20, rig.Register(1, 0x19));
            int logStart = rig.Log.Count;
            long spiBefore = rig.Spy.Count;

            List<byte[]> received = rig.ReceiveAll();
            Assert.AreEqual(20, received.Count);
            long perFrame = (rig.Spy.Count - spiBefore) / 20;
            Assert.IsTrue(perFrame <= 5, $"{perFrame} SPI transactions per received frame (budget 5)");
            for (int i = 0; i < 20; i++)
            {
                Rig.AssertFrame(frames[i], received[i]);
            }

            int pktdec = rig.Log.Skip(logStart)
                .Count(a => a.Address == 0x1E && a.Kind == RegisterAccessKind.BitSet && (a.Operand & 0x40) != 0);
            Assert.AreEqual(20, pktdec);
            int countReads = rig.Log.Skip(logStart).Count(a => a.Bank == 1 && a.Address == 0x19);
            Assert.AreEqual(2, countReads, "one EPKTCNT read finds the burst, one finds the ring empty");
            Assert.AreEqual(0, rig.Register(1, 0x19), "EPKTCNT");
            Assert.AreEqual(0, rig.Register(0, 0x1C) & 0x40, "PKTIF");
            rig.AssertNoViolations();
        }

        [TestMethod]
        public void E13_PktifNeverSet_AllFramesStillDelivered_PolledAndInterruptPin()
        {
            foreach (string mode in new[] { "polled", "edge", "level" })
            {
                var rig = new Rig(chip: o => { o.Erratum6PktifUnreliable = true; o.Erratum6PktifMissProbability = 1.0; },
                    interruptPin: mode == "edge", levelPin: mode == "level");
                for (int i = 0; i < 30; i++)
                {
                    byte[] frame = Rig.MakeFrame(Rig.OurMac, 64 + i, 1300 + i);
                    rig.Inject(frame);
                    Assert.AreEqual(0, rig.Register(0, 0x1C) & 0x40, "PKTIF suppressed");
                    Rig.AssertFrame(frame, rig.ReceiveOne());
                }

                Assert.AreEqual(30, rig.Driver.Counters.FramesIn);
                rig.AssertNoViolations();
            }
        }

        [TestMethod]
        public void E14_ErxrdptLowAloneHasNoEffect_DriverAlwaysWritesLowThenHigh()
        {
            var rig = new Rig();
            int before = rig.Register16(0, 0x0C);

            // A lone WCR ERXRDPTL (bank 0) must not move the pointer; the driver's bank is restored afterwards.
            int bank = rig.Register(0, 0x1F) & 0x03;
            var sink = new byte[2];
            rig.Chip.TransferFullDuplex(new byte[] { 0xA0 | 0x1F, 0x03 }, 0, sink, 0, 2);
            rig.Chip.TransferFullDuplex(new byte[] { 0x40 | 0x0C, 0x55 }, 0, sink, 0, 2);
            Assert.AreEqual(before, rig.Register16(0, 0x0C));
            rig.Chip.TransferFullDuplex(new byte[] { 0x80 | 0x1F, (byte)bank }, 0, sink, 0, 2);
            int logStart = rig.Log.Count;

            for (int i = 0; i < 10; i++)
            {
                rig.Inject(Rig.MakeFrame(Rig.OurMac, 200 + i, 1400 + i));
                Assert.IsNotNull(rig.ReceiveOne());
                Assert.IsNull(rig.ReceiveOne(), "the empty ring commits ERXRDPT");
            }

            var writes = rig.Log.Skip(logStart).Where(a => a.Bank == 0 && a.Kind == RegisterAccessKind.Write
                && (a.Address == 0x0C || a.Address == 0x0D)).ToList();
            Assert.IsTrue(writes.Count >= 20);
            for (int i = 0; i < writes.Count; i += 2)
            {
                Assert.AreEqual(0x0C, writes[i].Address, "low byte first");
                Assert.AreEqual(0x0D, writes[i + 1].Address, "then high byte");
                Assert.AreEqual(writes[i].TransactionIndex + 1, writes[i + 1].TransactionIndex, "back to back");
            }
        }

        [TestMethod]
        public void E15_Overflow_DrainedAndCleared_NoChipReset_DropEventFlagged_NoDeadlock()
        {
            var rig = new Rig();
            var stored = new List<byte[]>();
            for (int i = 0; i < 20; i++)
            {
                byte[] frame = Rig.MakeFrame(Rig.OurMac, 1000, 1500 + i);
                if (!rig.Chip.ReceiveFromWire(frame, 0, frame.Length))
                {
                    break;
                }

                stored.Add(frame);
            }

            Assert.IsTrue(stored.Count < 20, "the ring filled up");
            Assert.AreEqual(0x01, rig.Register(0, 0x1C) & 0x01, "RXERIF");
            int chipResets = rig.Chip.ResetCount;

            List<byte[]> drained = rig.ReceiveAll();
            Assert.AreEqual(stored.Count, drained.Count);
            for (int i = 0; i < stored.Count; i++)
            {
                Rig.AssertFrame(stored[i], drained[i]);
            }

            rig.Idle(20_000);
            Assert.IsNull(rig.ReceiveOne());
            Assert.AreEqual(0, rig.Register(0, 0x1C) & 0x01, "RXERIF cleared");
            Assert.AreEqual(1, rig.Driver.Counters.Overflows);

            // The first frame after the loss carries RSV bit 16 (drop event).
            int writePointer = rig.Register16(0, 0x0E);
            byte[] next = Rig.MakeFrame(Rig.OurMac, 300, 1599);
            rig.Inject(next);
            Assert.AreEqual(0x01, rig.Chip.PeekBuffer((writePointer + 4) % RingSize) & 0x01, "RSV bit 16");
            Rig.AssertFrame(next, rig.ReceiveOne());

            // Ten simulated seconds of traffic with the driver stalling now and then: it never deadlocks.
            var random = new Random(15);
            int delivered = 0, accepted = 0;
            for (long t = 0; t < 10_000_000; t += 50_000)
            {
                for (int k = random.Next(0, 8); k > 0; k--)
                {
                    byte[] frame = Rig.MakeFrame(Rig.OurMac, random.Next(60, 1515), random.Next());
                    accepted += rig.Chip.ReceiveFromWire(frame, 0, frame.Length) ? 1 : 0;
                }

                if (random.Next(4) != 0)
                {
                    delivered += rig.ReceiveAll().Count;
                }

                rig.Chip.AdvanceTime(50_000);
            }

            delivered += rig.ReceiveAll().Count;
            Assert.AreEqual(accepted, delivered);
            Assert.IsTrue(rig.Driver.Counters.Overflows > 1);
            Assert.AreEqual(chipResets, rig.Chip.ResetCount, "no chip reset");
            Assert.AreEqual(0, rig.Driver.Counters.ReceiveResets);
            rig.AssertNoViolations();
        }

        [TestMethod]
        public void E16_EpktcntSaturatesAt255_RxerifRaised_RecoveredAsOverflow()
        {
            // 18-byte runts (14 + FCS, stored in 24 bytes) let 255 packets fit in the 6656-byte ring, so the 256th
            // is refused because EPKTCNT is saturated, not because the ring is full.
            var rig = new Rig();
            int chipResets = rig.Chip.ResetCount;
            var runts = new List<byte[]>();
            for (int i = 0; i < 256; i++)
            {
                byte[] runt = Rig.MakeFrame(Rig.OurMac, 14, 1600 + i);
                runt[12] = (byte)(i >> 8);
                runt[13] = (byte)i;
                byte[] wire = Rig.WithFcs(runt);
                bool stored = rig.Chip.ReceiveFromWireWithFcs(wire, 0, wire.Length);
                Assert.AreEqual(i < 255, stored, $"runt {i}");
                runts.Add(runt);
            }

            Assert.AreEqual(255, rig.Register(1, 0x19), "EPKTCNT saturated");
            Assert.AreEqual(0x01, rig.Register(0, 0x1C) & 0x01, "RXERIF");

            List<byte[]> received = rig.ReceiveAll(300);
            Assert.AreEqual(255, received.Count);
            for (int i = 0; i < 255; i++)
            {
                Rig.AssertFrame(runts[i], received[i]);
            }

            rig.Idle(20_000);
            Assert.IsNull(rig.ReceiveOne());
            Assert.AreEqual(0, rig.Register(0, 0x1C) & 0x01, "RXERIF cleared");
            Assert.AreEqual(1, rig.Driver.Counters.Overflows);
            byte[] after = Rig.MakeFrame(Rig.OurMac, 60, 1999);
            rig.Inject(after);
            Rig.AssertFrame(after, rig.ReceiveOne());
            Assert.AreEqual(chipResets, rig.Chip.ResetCount, "no chip reset");
            Assert.AreEqual(0, rig.Driver.Counters.ReceiveResets);
            rig.AssertNoViolations();
        }

        [TestMethod]
        public void E17_CorruptHeaders_Detected_RingReinitialised_NextFramesReceived()
        {
            foreach (bool rxrstClearsCount in new[] { false, true })
            {
                var rig = new Rig(chip: o => o.RxResetClearsPacketCount = rxrstClearsCount);
                int round = 0;
                foreach (ReceiveHeaderCorruption kind in Enum.GetValues(typeof(ReceiveHeaderCorruption)))
                {
                    rig.Chip.CorruptNextReceiveHeader(kind);
                    rig.Inject(Rig.MakeFrame(Rig.OurMac, 400, 1700 + round));
                    rig.Inject(Rig.MakeFrame(Rig.OurMac, 500, 1710 + round));
                    Assert.AreEqual(0, rig.ReceiveAll().Count, kind.ToString());
                    Assert.AreEqual(round + 1, rig.Driver.Counters.CorruptHeaders, kind.ToString());
                    Assert.AreEqual(0, rig.Register(1, 0x19), "EPKTCNT emptied");

                    for (int i = 0; i < 3; i++)
                    {
                        byte[] frame = Rig.MakeFrame(Rig.OurMac, 100 + 300 * i, 1720 + round * 3 + i);
                        rig.Inject(frame);
                        Rig.AssertFrame(frame, rig.ReceiveOne());
                    }

                    round++;
                }

                Assert.AreEqual(4, rig.Driver.Counters.ReceiveResets);
                rig.AssertNoViolations();
            }

            // A next pointer that is even and inside the ring but disagrees with the byte count (UIPEthernet#48's
            // desynchronised ring looks like this) is caught by the consistency check.
            var subtle = new Rig();
            int start = subtle.Register16(0, 0x0E);
            subtle.Inject(Rig.MakeFrame(Rig.OurMac, 400, 1780));
            int next = subtle.Chip.PeekBuffer(start) | (subtle.Chip.PeekBuffer(start + 1) << 8);
            subtle.Chip.PokeBuffer(start, (byte)(next + 64));
            Assert.IsNull(subtle.ReceiveOne());
            Assert.AreEqual(1, subtle.Driver.Counters.CorruptHeaders);
            byte[] afterSubtle = Rig.MakeFrame(Rig.OurMac, 100, 1781);
            subtle.Inject(afterSubtle);
            Rig.AssertFrame(afterSubtle, subtle.ReceiveOne());
            subtle.AssertNoViolations();

            // With frames taking wire time to arrive, the ring is rebuilt only after RXBUSY drops.
            var timed = new Rig(chip: o => o.RealTimeReception = true);
            timed.Chip.CorruptNextReceiveHeader(ReceiveHeaderCorruption.NextPointerBeyondRing);
            timed.Inject(Rig.MakeFrame(Rig.OurMac, 300, 1790));
            timed.Chip.AdvanceTime(1000);
            timed.Inject(Rig.MakeFrame(Rig.OurMac, 1500, 1791));
            timed.Chip.AdvanceTime(100);
            Assert.AreEqual(0x04, timed.Register(0, 0x1D) & 0x04, "RXBUSY: the second frame is arriving");
            int logStart = timed.Log.Count;
            Assert.IsNull(timed.ReceiveOne());
            Assert.AreEqual(1, timed.Driver.Counters.ReceiveResets);
            int rxrst = timed.Log.FindIndex(logStart, a => a.Address == 0x1F && a.Kind == RegisterAccessKind.BitSet
                && (a.Operand & 0x40) != 0);
            Enc28j60RegisterAccess lastBusyPoll = timed.Log.Take(rxrst).Last(a => a.Address == 0x1D);
            Assert.AreEqual(0, lastBusyPoll.Result & 0x04, "RXRST only once RXBUSY read 0");
            byte[] good = Rig.MakeFrame(Rig.OurMac, 200, 1792);
            timed.Chip.AdvanceTime(2000);
            timed.Inject(good);
            timed.Chip.AdvanceTime(2000);
            Rig.AssertFrame(good, timed.ReceiveOne());
            timed.AssertNoViolations();
        }

        [TestMethod]
        public void E18_Filters_UnicastBroadcastMulticastCrc_AndPromiscuous()
        {
            var rig = new Rig(driver: o => o.Filters = ReceiveFilters.Default);
            byte[] otherMac = { 0x02, 0x99, 0x99, 0x99, 0x99, 0x99 };
            byte[] multicast = { 0x01, 0x00, 0x5E, 0x00, 0x00, 0x01 };
            Assert.IsFalse(rig.Chip.ReceiveFromWire(Rig.MakeFrame(otherMac, 100, 1), 0, 100), "other unicast");
            Assert.IsFalse(rig.Chip.ReceiveFromWire(Rig.MakeFrame(multicast, 100, 2), 0, 100), "multicast");
            rig.Chip.InjectBadFcs();
            Assert.IsFalse(rig.Chip.ReceiveFromWire(Rig.MakeFrame(Rig.OurMac, 100, 3), 0, 100), "bad FCS");
            byte[] broadcast = Rig.MakeFrame(Rig.BroadcastMac, 100, 4);
            rig.Inject(broadcast);
            Rig.AssertFrame(broadcast, rig.ReceiveOne());
            Assert.IsNull(rig.ReceiveOne());

            var withMulticast = new Rig(driver: o => o.Filters = ReceiveFilters.Default | ReceiveFilters.Multicast);
            byte[] group = Rig.MakeFrame(multicast, 100, 5);
            withMulticast.Inject(group);
            Rig.AssertFrame(group, withMulticast.ReceiveOne());

            var promiscuous = new Rig(driver: o => o.Filters = ReceiveFilters.None);
            Assert.AreEqual(0x00, promiscuous.Register(1, 0x18));
            byte[] foreign = Rig.MakeFrame(otherMac, 100, 6);
            promiscuous.Inject(foreign);
            promiscuous.Chip.InjectBadFcs();
            promiscuous.Inject(Rig.MakeFrame(Rig.OurMac, 100, 7));
            promiscuous.Inject(group);
            Rig.AssertFrame(foreign, promiscuous.ReceiveOne());
            Rig.AssertFrame(group, promiscuous.ReceiveOne());
            Assert.AreEqual(1, promiscuous.Driver.Counters.CrcErrors, "the bad-FCS frame reached the ring and was dropped");
            rig.AssertNoViolations();
            promiscuous.AssertNoViolations();
        }

        [TestMethod]
        public void E19_MaximumFrameAccepted_VlanSizedFrameDropped()
        {
            var rig = new Rig();
            byte[] maximum = Rig.MakeFrame(Rig.OurMac, 1514, 19);
            rig.Inject(maximum);
            Rig.AssertFrame(maximum, rig.ReceiveOne());

            byte[] vlan = Rig.MakeFrame(Rig.OurMac, 1518, 20);
            vlan[12] = 0x81;
            vlan[13] = 0x00;
            Assert.IsFalse(rig.Chip.ReceiveFromWire(vlan, 0, vlan.Length), "1522 bytes with FCS exceed MAMXFL");
            Assert.IsNull(rig.ReceiveOne());
            rig.AssertNoViolations();
        }

        [TestMethod]
        public void E20_FrameLargerThanCallerBuffer_StillFreed()
        {
            var rig = new Rig();
            byte[] big = Rig.MakeFrame(Rig.OurMac, 800, 21);
            byte[] small = Rig.MakeFrame(Rig.OurMac, 90, 22);
            rig.Inject(big);
            rig.Inject(small);

            var buffer = new byte[200];
            int length = rig.Driver.Receive(buffer, 0, buffer.Length);
            Assert.AreEqual(90, length, "the big frame is skipped, the small one delivered");
            CollectionAssert.AreEqual(small, buffer.Take(90).ToArray());
            Assert.AreEqual(1, rig.Driver.Counters.ReceiveDropsNoBuffer);
            Assert.AreEqual(0, rig.Register(1, 0x19), "both PKTDECs issued");

            // The batch ends when the driver finds EPKTCNT = 0; the ring space is handed back then.
            Assert.AreEqual(0, rig.Driver.Receive(buffer, 0, buffer.Length));
            int next = 6 + 804 + 6 + 94;
            Assert.AreEqual(next - 1, rig.Register16(0, 0x0C), "ERXRDPT advanced past both");
            rig.AssertNoViolations();
        }
    }
}
