using System;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Enc28j60.Emulation;
using NanoTcp.Enc28j60.Tests.Harness;

namespace NanoTcp.Enc28j60.Tests
{
    /// <summary>ENC28J60 facts §11.6 checks 30–33: interrupts, link, duplex, DMA.</summary>
    [TestClass]
    public sealed class InterruptLinkDuplexTests
    {
        [TestMethod]
        public void E30_EdgeSafeService_FlagsArrivingDuringService_100000FramesNeverStall()
        {
            var rig = new Rig(interruptPin: true);
            rig.Spy.Record = false;
            var random = new Random(30);
            var pool = Enumerable.Range(0, 32).Select(i => Rig.MakeFrame(Rig.OurMac, 60 + i * 5, 3000 + i)).ToArray();
            int injected = 0, accepted = 0, delivered = 0;
            var sequenceOf = new System.Collections.Generic.Queue<int>();

            void InjectOne()
            {
                byte[] frame = pool[injected % pool.Length];
                BitConverter.GetBytes(injected).CopyTo(frame, 14);
                if (rig.Chip.ReceiveFromWire(frame, 0, frame.Length))
                {
                    accepted++;
                    sequenceOf.Enqueue(injected);
                }

                injected++;
            }

            // Frames (and now and then a link flap or an RX overflow) land while the driver is mid-service.
            rig.Spy.BeforeTransaction = (opcode, argument) =>
            {
                int roll = random.Next(1000);
                if (roll < 60 && injected < 100_000)
                {
                    InjectOne();
                }
                else if (roll == 999)
                {
                    rig.Chip.FlapLink();
                }
                else if (roll == 998)
                {
                    rig.Chip.InjectRxOverflow();
                }
            };

            var buffer = new byte[1600];
            int calls = 0;
            while ((injected < 100_000 || delivered < accepted) && calls < 2_000_000)
            {
                calls++;
                if (injected < 100_000 && random.Next(3) == 0)
                {
                    InjectOne();
                }

                int length = rig.Driver.Receive(buffer, 0, buffer.Length);
                if (length > 0)
                {
                    int sequence = BitConverter.ToInt32(buffer, 14);
                    Assert.AreEqual(sequenceOf.Dequeue(), sequence, "frames in order, none lost after acceptance");
                    delivered++;
                }

                // Edge safety: whenever INT is held low, the adapter has an edge the firmware has not consumed yet.
                Assert.IsTrue(!rig.Chip.InterruptPinAsserted || rig.Pin.Pending,
                    $"INT low with no edge pending after call {calls}: a service would never run again");
                if (random.Next(50) == 0)
                {
                    rig.Chip.AdvanceTime(random.Next(1, 3000));
                }

            }

            Assert.AreEqual(100_000, injected);
            Assert.AreEqual(accepted, delivered);
            Assert.IsTrue(accepted > 90_000);
            Assert.IsTrue(rig.Driver.Counters.InterruptServices > 0);
            Assert.IsTrue(rig.Driver.IsUp);
            rig.AssertNoViolations();
        }

        [TestMethod]
        public void E31_LinkDownThenUp_LinkifRaisesInt_PhirRead_StateReported()
        {
            foreach (string mode in new[] { "edge", "level", "polled" })
            {
                bool pin = mode != "polled";
                var rig = new Rig(interruptPin: mode == "edge", levelPin: mode == "level");
                Assert.IsTrue(rig.Driver.IsUp);
                Assert.AreEqual(0, rig.Driver.Counters.LinkChanges);

                rig.Chip.LinkUp = false;
                Assert.AreEqual(0, rig.Chip.PeekPhyRegister(0x11) & 0x0400, "PHSTAT2.LSTAT low");
                Assert.AreEqual(0x10, rig.Register(0, 0x1C) & 0x10, "LINKIF");
                if (pin)
                {
                    Assert.IsTrue(rig.Chip.InterruptPinAsserted, "LINKIF raises INT");
                }

                rig.Idle(20_000);
                Assert.IsFalse(rig.Driver.IsUp);
                Assert.AreEqual(0, rig.Register(0, 0x1C) & 0x10, "PHIR read cleared LINKIF");
                Assert.AreEqual(0, rig.Chip.PeekPhyRegister(0x13) & 0x14, "PHIR flags cleared");
                Assert.IsFalse(rig.Chip.InterruptPinAsserted);
                Assert.IsFalse(rig.Driver.Transmit(Rig.MakeOutgoingFrame(60, 31), 0, 60), "no transmit without link");

                rig.Chip.LinkUp = true;
                rig.Idle(20_000);
                Assert.IsTrue(rig.Driver.IsUp);
                Assert.AreEqual(2, rig.Driver.Counters.LinkChanges);

                // A flap shorter than the service interval: LSTAT is up again, LLSTAT latched the drop.
                rig.Chip.FlapLink();
                rig.Idle(20_000);
                Assert.IsTrue(rig.Driver.IsUp);
                Assert.AreEqual(4, rig.Driver.Counters.LinkChanges);
                Assert.IsTrue(rig.Driver.Transmit(Rig.MakeOutgoingFrame(60, 32), 0, 60));
                Assert.IsTrue(rig.Driver.FlushTransmit());
                rig.AssertNoViolations();
            }
        }

        [TestMethod]
        public void E32_Duplex_FuldpxPdpxmdMabbipgAlwaysTogether()
        {
            foreach (bool full in new[] { true, false })
            {
                var rig = new Rig(chip: o => o.Erratum13LateCollisionProbability = 0, driver: o => o.FullDuplex = full);
                bool fuldpx = (rig.Register(2, 0x02) & 0x01) != 0;
                bool pdpxmd = (rig.Chip.PeekPhyRegister(0x00) & 0x0100) != 0;
                int mabbipg = rig.Register(2, 0x04);
                Assert.AreEqual(full, fuldpx);
                Assert.AreEqual(full, pdpxmd);
                Assert.AreEqual(full ? 0x15 : 0x12, mabbipg);
                Assert.AreEqual(full ? 0x0000 : 0x0100, rig.Chip.PeekPhyRegister(0x10) & 0x0100, "HDLDIS in half duplex");

                // Traffic both ways (the emulator checks duplex consistency at every TXRTS); in half duplex the
                // errata #9 loopback stays off, so our own frames never come back.
                for (int i = 0; i < 10; i++)
                {
                    byte[] incoming = Rig.MakeFrame(Rig.OurMac, 100 + i, 3200 + i);
                    rig.Inject(incoming);
                    Assert.IsTrue(rig.Driver.Transmit(Rig.MakeOutgoingFrame(120, 3300 + i), 0, 120));
                    Rig.AssertFrame(incoming, rig.ReceiveOne());
                }

                Assert.IsTrue(rig.Driver.FlushTransmit());
                Assert.IsNull(rig.ReceiveOne(), "no looped-back frames");
                Assert.AreEqual(10, rig.Wire.Frames.Count);
                rig.AssertNoViolations();
            }
        }

        [TestMethod]
        public void E33_DmaNeverUsed_ChecksumsStayInSoftware()
        {
            var rig = new Rig();
            for (int i = 0; i < 20; i++)
            {
                rig.Inject(Rig.MakeFrame(Rig.OurMac, 100 + 70 * i, 3400 + i));
                Assert.IsNotNull(rig.ReceiveOne());
                Assert.IsTrue(rig.Driver.Transmit(Rig.MakeOutgoingFrame(100 + 70 * i, 3500 + i), 0, 100 + 70 * i));
            }

            rig.Driver.FlushTransmit();
            Assert.IsFalse(rig.Log.Any(a => a.Bank == 0 && a.Address >= 0x10 && a.Address <= 0x17), "EDMA* registers");
            Assert.IsFalse(rig.Log.Any(a => a.Address == 0x1F && a.Kind != RegisterAccessKind.Read
                && a.Kind != RegisterAccessKind.BitClear && (a.Operand & 0x30) != 0), "DMAST/CSUMEN set");
            rig.AssertNoViolations();
        }
    }
}
