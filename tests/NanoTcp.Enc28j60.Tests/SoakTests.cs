using System;
using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Enc28j60.Tests.Harness;

namespace NanoTcp.Enc28j60.Tests
{
    /// <summary>ENC28J60 facts §11.6 check 34: the long soak.</summary>
    [TestClass]
    public sealed class SoakTests
    {
        private const int FramesEachWay = 10_000;

        /// <summary>
        /// SPI transactions per frame allowed in the soak, every fault recovery included (hangs, retries, ring and chip
        /// resets are paid for by the frames around them) and batches of only 1–3 frames of random size. The
        /// steady-state figures (≤ 5 RX, ≤ 9 TX) are measured by the benchmark.
        /// </summary>
        private const double ReceiveBudget = 8;
        private const double TransmitBudget = 11.5;

        private sealed class Expected
        {
            public int Sequence;
            public byte[] Frame;
        }

        [TestMethod]
        public void E34_Soak_10000FramesEachWay_RandomFaults_NoWedge_BitExact_WithinSpiBudget()
        {
            // Polled, with an edge-latching INT adapter, and with a level-reading one (the device's GpioInterruptPin).
            Soak("polled", seed: 340);
            Soak("edge", seed: 341);
            Soak("level", seed: 342);
        }

        private static void Soak(string pinMode, int seed)
        {
            // Half duplex on a B7 with every erratum it has: PKTIF unreliable (#6), TX stall after abort (#12),
            // random link-pulse late collisions (#13), LATECOL never set (#15), CLKRDY early (#2), SRC in PWRSV (#19).
            var rig = new Rig(chip: o => o.Seed = seed, driver: o => o.FullDuplex = false,
                interruptPin: pinMode == "edge", levelPin: pinMode == "level");
            rig.Spy.Record = false;
            var random = new Random(seed);
            var rxExpected = new Queue<Expected>();
            var txExpected = new Queue<Expected>();
            int rxSent = 0, txSent = 0, rxDelivered = 0, rxLost = 0, txOnWire = 0, faults = 0;
            var buffer = new byte[1600];
            long txSpi = 0, rxSpi = 0;
            long spiBefore = rig.Spy.Count;

            void CheckWire()
            {
                while (txOnWire < rig.Wire.Frames.Count)
                {
                    byte[] onWire = rig.Wire.Frames[txOnWire++];
                    int sequence = BitConverter.ToInt32(onWire, 14);
                    Expected e;
                    do
                    {
                        Assert.IsTrue(txExpected.Count > 0, "a frame on the wire that was never sent, or sent twice");
                        e = txExpected.Dequeue();
                    }
                    while (e.Sequence != sequence);

                    CollectionAssert.AreEqual(Rig.Padded(e.Frame), onWire, "transmitted frame bit-exact");
                }
            }

            void Drain()
            {
                for (int i = 0; i < 400; i++)
                {
                    int length = rig.Driver.Receive(buffer, 0, buffer.Length);
                    if (length == 0)
                    {
                        return;
                    }

                    int sequence = BitConverter.ToInt32(buffer, 14);
                    Expected e;
                    do
                    {
                        Assert.IsTrue(rxExpected.Count > 0, "a frame delivered that was never accepted, or twice");
                        e = rxExpected.Dequeue();
                        rxLost += e.Sequence == sequence ? 0 : 1;
                    }
                    while (e.Sequence != sequence);

                    byte[] expected = Rig.Padded(e.Frame);
                    Assert.AreEqual(expected.Length, length);
                    for (int k = 0; k < length; k++)
                    {
                        Assert.AreEqual(expected[k], buffer[k], "received frame bit-exact");
                    }

                    rxDelivered++;
                }
            }

            while (rxSent < FramesEachWay || txSent < FramesEachWay)
            {
                for (int n = random.Next(0, 4); n > 0 && rxSent < FramesEachWay; n--)
                {
                    byte[] frame = Rig.MakeFrame(Rig.OurMac, random.Next(18, 1515), random.Next());
                    BitConverter.GetBytes(rxSent).CopyTo(frame, 14);
                    if (rig.Chip.ReceiveFromWire(frame, 0, frame.Length))
                    {
                        rxExpected.Enqueue(new Expected { Sequence = rxSent, Frame = frame });
                    }

                    rxSent++;
                }

                for (int n = random.Next(0, 3); n > 0 && txSent < FramesEachWay; n--)
                {
                    byte[] frame = Rig.MakeOutgoingFrame(random.Next(18, 1515), random.Next());
                    BitConverter.GetBytes(txSent).CopyTo(frame, 14);
                    long before = rig.Spy.Count;
                    bool ok = rig.Driver.Transmit(frame, 0, frame.Length);
                    txSpi += rig.Spy.Count - before;
                    if (ok)
                    {
                        txExpected.Enqueue(new Expected { Sequence = txSent, Frame = frame });
                    }

                    txSent++;
                }

                faults += InjectRandomFault(rig, random, rxSent < FramesEachWay, txSent < FramesEachWay);
                if (random.Next(10) != 0)
                {
                    long before = rig.Spy.Count;
                    Drain();
                    rxSpi += rig.Spy.Count - before;
                }

                CheckWire();
                rig.Chip.AdvanceTime(random.Next(0, 2000));
            }

            rig.Driver.FlushTransmit();
            rig.Idle(5000);
            Drain();
            CheckWire();
            long spi = rig.Spy.Count - spiBefore;
            Enc28j60Counters c = rig.Driver.Counters;
            Assert.AreEqual(c.FramesOut, txOnWire, "every frame reported sent is on the wire exactly once");
            int framesOut = c.FramesOut;

            // No wedge: both directions still work after everything (faults still armed are used up first).
            int consecutive = 0;
            for (int i = 0; i < 40 && consecutive < 5; i++)
            {
                byte[] incoming = Rig.MakeFrame(Rig.OurMac, 200, 9000 + i);
                bool stored = rig.Chip.ReceiveFromWire(incoming, 0, incoming.Length);
                byte[] received = rig.ReceiveOne();
                consecutive = stored && received != null && BitConverter.ToInt32(received, 14) == BitConverter.ToInt32(incoming, 14)
                    ? consecutive + 1 : 0;
                rig.Idle(2000);
            }

            Assert.AreEqual(5, consecutive, "receive path wedged");
            for (int i = 0; i < 5; i++)
            {
                byte[] outgoing = Rig.MakeOutgoingFrame(200, 9100 + i);
                Assert.IsTrue(rig.Driver.Transmit(outgoing, 0, outgoing.Length));
                rig.Driver.FlushTransmit();
            }

            for (int i = 0; i < 5; i++)
            {
                byte[] outgoing = Rig.MakeOutgoingFrame(200, 9200 + i);
                Assert.IsTrue(rig.Driver.Transmit(outgoing, 0, outgoing.Length));
                Assert.IsTrue(rig.Driver.FlushTransmit(), "transmit path wedged");
                CollectionAssert.AreEqual(outgoing, rig.Wire.Frames[rig.Wire.Frames.Count - 1]);
            }

            string summary = $"pin={pinMode} faults={faults} rxDelivered={rxDelivered} rxLost={rxLost} "
                + $"framesOut={framesOut} txErrors={c.TransmitErrors} retries={c.TransmitRetries} hangs={c.TransmitHangs} "
                + $"overflows={c.Overflows} corrupt={c.CorruptHeaders} rxResets={c.ReceiveResets} chipResets={c.ChipResets} "
                + $"spi={spi} rxPerFrame={(double)rxSpi / rxDelivered:F2} txPerFrame={(double)txSpi / framesOut:F2}";
            Console.WriteLine(summary);

            Assert.IsTrue(faults > 100, summary);
            Assert.IsTrue(rxDelivered > FramesEachWay * 8 / 10, summary);
            Assert.IsTrue(framesOut > FramesEachWay * 9 / 10, summary);

            // Frames are only lost with the ring a corrupt header forced us to rebuild.
            Assert.IsTrue(rxLost <= (c.ReceiveResets + c.ChipResets) * 95, summary);
            Assert.IsTrue(rxSpi <= ReceiveBudget * rxDelivered, summary);
            Assert.IsTrue(txSpi <= TransmitBudget * framesOut, summary);
            rig.AssertNoViolations();
        }

        /// <summary>Arms one fault now and then; receive faults only while frames still arrive, transmit faults only
        /// while frames are still sent, so none is left armed for the final checks.</summary>
        private static int InjectRandomFault(Rig rig, Random random, bool receiving, bool transmitting)
        {
            int roll = random.Next(150);
            if ((roll <= 1 && !receiving) || (roll >= 2 && roll <= 4 && !transmitting))
            {
                return 0;
            }

            switch (roll)
            {
                case 0:
                    rig.Chip.InjectRxOverflow();
                    return 1;
                case 1:
                    rig.Chip.CorruptNextReceiveHeader();
                    return 1;
                case 2:
                    rig.Chip.InjectTxAbort();
                    return 1;
                case 3:
                    rig.Chip.InjectLateCollision();
                    return 1;
                case 4:
                    rig.Chip.InjectTxHang();
                    return 1;
                case 5:
                    rig.Chip.FlapLink();
                    return 1;
                default:
                    return 0;
            }
        }
    }
}
