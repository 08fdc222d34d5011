using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Enc28j60.Emulation;
using NanoTcp.Enc28j60.Tests.Harness;

namespace NanoTcp.Enc28j60.Tests
{
    /// <summary>ENC28J60 facts §11.6 checks 1–7: bring-up.</summary>
    [TestClass]
    public sealed class BringUpTests
    {
        [TestMethod]
        public void E01_InitFromPowerOnAndAfterSrc_WaitsAfterReset_RegisterImageAsExpected()
        {
            foreach (bool fullDuplex in new[] { true, false })
            {
                var rig = new Rig(driver: o => o.FullDuplex = fullDuplex, initialize: false);
                Assert.IsTrue(rig.Chip.Options.Erratum2ClkrdySetEarly);

                // From power-on, then again from a running chip (SRC with RXEN set).
                for (int pass = 0; pass < 2; pass++)
                {
                    int before = rig.Spy.Transactions.Count;
                    Assert.AreEqual(Enc28j60InitResult.Success, rig.Driver.Initialize());
                    AssertWaitedAfterSrc(rig, before);
                    Assert.AreEqual(0x06, rig.Driver.Revision);
                    AssertRegisterImage(rig, fullDuplex);
                }

                Assert.AreEqual(2, rig.Chip.ResetCount);
                rig.AssertNoViolations();
            }
        }

        private static void AssertWaitedAfterSrc(Rig rig, int from)
        {
            var transactions = rig.Spy.Transactions.Skip(from).ToList();
            int src = transactions.FindIndex(t => t.Opcode == 0xFF && t.Count == 1);
            Assert.IsTrue(src >= 0, "no SRC");
            long gap = transactions[src + 1].TimeNanoseconds - transactions[src].TimeNanoseconds;
            Assert.IsTrue(gap >= 1_000_000, $"only {gap} ns between SRC and the next instruction (errata #2)");
        }

        private static void AssertRegisterImage(Rig rig, bool fullDuplex)
        {
            Assert.AreEqual(0x0000, rig.Register16(0, 0x08), "ERXST");
            int erxnd = rig.Register16(0, 0x0A);
            Assert.AreEqual(1, erxnd & 1, "ERXND odd");
            Assert.AreEqual(erxnd, rig.Register16(0, 0x0C), "ERXRDPT = ERXND");
            int etxst = rig.Register16(0, 0x04);
            Assert.AreEqual(0, etxst & 1, "ETXST even");
            Assert.IsTrue(etxst > erxnd, "ETXST above the ring");
            Assert.IsTrue(0x2000 - etxst >= 1 + 1514 + 7, "TX slot holds control byte, frame and TSV");
            Assert.AreEqual(0x0D, rig.Register(2, 0x00), "MACON1");
            Assert.AreEqual(fullDuplex ? 0x33 : 0x32, rig.Register(2, 0x02), "MACON3");
            Assert.AreEqual(fullDuplex ? 0x00 : 0x40, rig.Register(2, 0x03), "MACON4");
            Assert.AreEqual(fullDuplex ? 0x15 : 0x12, rig.Register(2, 0x04), "MABBIPG");
            Assert.AreEqual(0x12, rig.Register(2, 0x06), "MAIPGL");
            if (!fullDuplex)
            {
                Assert.AreEqual(0x0C, rig.Register(2, 0x07), "MAIPGH");
            }

            Assert.AreEqual(1518, rig.Register16(2, 0x0A), "MAMXFL");
            Assert.AreEqual(0xA3, rig.Register(1, 0x18), "ERXFCON: UCEN, CRCEN, MCEN (mDNS), BCEN (DHCP)");
            Assert.AreEqual(fullDuplex ? 0x0100 : 0x0000, rig.Chip.PeekPhyRegister(0x00) & 0x0100, "PHCON1.PDPXMD");
            Assert.AreEqual(fullDuplex ? 0x0000 : 0x0100, rig.Chip.PeekPhyRegister(0x10) & 0x0100, "PHCON2.HDLDIS");
            Assert.AreEqual(0x3476, rig.Chip.PeekPhyRegister(0x14), "PHLCON");
            Assert.AreEqual(0x0012, rig.Chip.PeekPhyRegister(0x12) & 0x0012, "PHIE");
            Assert.AreEqual(0xD3, rig.Register(0, 0x1B), "EIE = INTIE|PKTIE|LINKIE|TXERIE|RXERIE");
            Assert.AreEqual(0x04, rig.Register(0, 0x1F) & 0x04, "RXEN");
            Assert.AreEqual(0x80, rig.Register(0, 0x1E) & 0x80, "AUTOINC");
        }

        [TestMethod]
        public void E02_RevisionZeroOrFf_NoDevice_SlowSpiOnB4_RefusedOrWarned()
        {
            var absent = new Rig(chip: o => o.Revision = (Enc28j60Revision)0x00, initialize: false);
            Assert.AreEqual(Enc28j60InitResult.NoDevice, absent.Driver.Initialize());
            Assert.IsFalse(absent.Driver.IsRunning);

            var floating = new Rig(chip: o => o.MisoStuckHigh = true, initialize: false);
            Assert.AreEqual(Enc28j60InitResult.NoDevice, floating.Driver.Initialize());

            var revFf = new Rig(chip: o => o.Revision = (Enc28j60Revision)0xFF, initialize: false);
            Assert.AreEqual(Enc28j60InitResult.NoDevice, revFf.Driver.Initialize());

            var slow = new Rig(chip: o => { o.Revision = Enc28j60Revision.B4; o.SpiClockHz = 4_000_000; },
                driver: o => o.SpiClockHz = 4_000_000, initialize: false);
            Assert.AreEqual(Enc28j60InitResult.SpiClockTooSlow, slow.Driver.Initialize());
            Assert.IsTrue(slow.Driver.SlowSpiClockWarning);
            Assert.IsFalse(slow.Driver.IsRunning);

            var warned = new Rig(chip: o =>
                {
                    o.Revision = Enc28j60Revision.B4;
                    o.SpiClockHz = 4_000_000;
                    o.Erratum1SlowSpiCorruptsMacRegisters = false;
                },
                driver: o => { o.SpiClockHz = 4_000_000; o.AllowSlowSpiClock = true; }, initialize: false);
            Assert.AreEqual(Enc28j60InitResult.Success, warned.Driver.Initialize());
            Assert.IsTrue(warned.Driver.SlowSpiClockWarning);

            var fast = new Rig(chip: o => o.Revision = Enc28j60Revision.B4, initialize: false);
            Assert.AreEqual(Enc28j60InitResult.Success, fast.Driver.Initialize());
            Assert.IsFalse(fast.Driver.SlowSpiClockWarning);
        }

        [TestMethod]
        public void E03_MacAddress_LandsInBank3ByteOrder_UnicastPasses()
        {
            var rig = new Rig();
            Assert.AreEqual(0x02, rig.Register(3, 0x04));
            Assert.AreEqual(0x11, rig.Register(3, 0x05));
            Assert.AreEqual(0x22, rig.Register(3, 0x02));
            Assert.AreEqual(0x33, rig.Register(3, 0x03));
            Assert.AreEqual(0x44, rig.Register(3, 0x00));
            Assert.AreEqual(0x55, rig.Register(3, 0x01));

            byte[] frame = Rig.MakeFrame(Rig.OurMac, 100, 3);
            rig.Inject(frame);
            Rig.AssertFrame(frame, rig.ReceiveOne());
            rig.AssertNoViolations();
        }

        [TestMethod]
        public void E04_DummyByte_MacAndMiiRegistersReadCorrectly()
        {
            foreach (byte dummy in new byte[] { 0xA5, 0x00, 0xFF })
            {
                var rig = new Rig(chip: o => o.DummyByte = dummy);

                // MAADR1–6 read back through RCR with the dummy byte skipped.
                var mac = new byte[6];
                rig.Driver.ReadMacAddress(mac, 0);
                CollectionAssert.AreEqual(Rig.OurMac, mac);

                // MISTAT was polled (a dummy 0xA5/0xFF taken as the value would read BUSY forever) and PHY reads
                // through MIRDL/H worked: init verified PHID1/PHID2.
                Assert.AreEqual(0, rig.Driver.MiiTimeouts);
                Assert.IsTrue(rig.Log.Any(a => a.Bank == 3 && a.Address == 0x0A && a.Kind == RegisterAccessKind.Read));

                // MACON3 is read back by the health check: a wrong read would re-initialise the chip.
                int resets = rig.Driver.Counters.ChipResets;
                rig.Idle(2_500_000);
                rig.Idle(1);
                Assert.IsTrue(rig.Log.Any(a => a.Bank == 2 && a.Address == 0x02 && a.Kind == RegisterAccessKind.Read));
                Assert.AreEqual(resets, rig.Driver.Counters.ChipResets);
                rig.AssertNoViolations();
            }
        }

        [TestMethod]
        public void E05_OneInstructionPerCsWindow_NoBitOpsOnMacMii_RxenSetLast()
        {
            var rig = new Rig(initialize: false);
            Assert.AreEqual(Enc28j60InitResult.Success, rig.Driver.Initialize());
            rig.Inject(Rig.MakeFrame(Rig.OurMac, 200, 5));
            Assert.IsNotNull(rig.ReceiveOne());
            Assert.IsTrue(rig.Driver.Transmit(Rig.MakeOutgoingFrame(300, 6), 0, 300));
            Assert.IsTrue(rig.Driver.FlushTransmit());

            foreach (SpiTransaction t in rig.Spy.Transactions)
            {
                int kind = t.Opcode >> 5;
                switch (kind)
                {
                    case 0:
                        Assert.IsTrue(t.Count == 2 || t.Count == 3, "RCR is 2 bytes (ETH) or 3 (MAC/MII)");
                        break;
                    case 2:
                    case 4:
                    case 5:
                        Assert.AreEqual(2, t.Count, "WCR/BFS/BFC carry one data byte");
                        break;
                    case 7:
                        Assert.AreEqual(1, t.Count, "SRC stands alone");
                        break;
                }
            }

            Assert.IsFalse(rig.Log.Any(a => (a.Kind == RegisterAccessKind.BitSet || a.Kind == RegisterAccessKind.BitClear)
                && a.Address < 0x1B && (a.Bank == 2 || (a.Bank == 3 && (a.Address <= 0x05 || a.Address == 0x0A)))),
                "BFS/BFC on a MAC/MII register");

            bool rxen = false;
            int rxenSetAt = -1;
            for (int i = 0; i < rig.Log.Count; i++)
            {
                Enc28j60RegisterAccess a = rig.Log[i];
                if (a.Address == 0x1F)
                {
                    if (a.Kind == RegisterAccessKind.BitSet && (a.Operand & 0x04) != 0)
                    {
                        rxen = true;
                        if (rxenSetAt < 0)
                        {
                            rxenSetAt = i;
                        }
                    }
                    else if ((a.Kind == RegisterAccessKind.BitClear && (a.Operand & 0x04) != 0)
                        || (a.Kind == RegisterAccessKind.Write && (a.Operand & 0x04) == 0))
                    {
                        rxen = false;
                    }
                }

                bool guarded = (a.Bank == 0 && a.Address >= 0x08 && a.Address <= 0x0B)
                    || (a.Bank == 1 && a.Address == 0x18) || (a.Bank == 3 && a.Address <= 0x05);
                if (guarded && a.Kind != RegisterAccessKind.Read)
                {
                    Assert.IsFalse(rxen, $"register {a.Bank}/{a.Address:X2} written while RXEN = 1");
                }
            }

            Assert.IsTrue(rxenSetAt > 0);
            Assert.IsFalse(rig.Log.Skip(rxenSetAt + 1).Any(a => a.Kind == RegisterAccessKind.Write
                && ((a.Bank == 0 && a.Address >= 0x08 && a.Address <= 0x0B) || (a.Bank == 1 && a.Address == 0x18)
                    || (a.Bank == 3 && a.Address <= 0x05))), "configuration written after RXEN");
            rig.AssertNoViolations();
        }

        [TestMethod]
        public void E06_PhyAccess_NeverDuringBusy_PhidReadAsExpected()
        {
            var rig = new Rig();
            long busyUntil = long.MinValue;
            foreach (Enc28j60RegisterAccess a in rig.Log)
            {
                bool miiControl = a.Bank == 2 && (a.Address == 0x14 || a.Address == 0x17 || a.Address == 0x12);
                if (miiControl && a.Kind == RegisterAccessKind.Write)
                {
                    Assert.IsTrue(a.TimeNanoseconds >= busyUntil, $"MII register {a.Address:X2} written while BUSY");
                }

                bool starts = a.Bank == 2 && a.Kind == RegisterAccessKind.Write
                    && (a.Address == 0x17 || (a.Address == 0x12 && (a.Operand & 0x01) != 0));
                if (starts)
                {
                    busyUntil = a.TimeNanoseconds + 10_240;
                }
            }

            // PHID1/PHID2 were read through MIREGADR = 2 and 3 and came back as 0x0083 / 0x1400.
            var mirdl = rig.Log.Where(a => a.Bank == 2 && a.Address == 0x18 && a.Kind == RegisterAccessKind.Read).ToList();
            var mirdh = rig.Log.Where(a => a.Bank == 2 && a.Address == 0x19 && a.Kind == RegisterAccessKind.Read).ToList();
            Assert.AreEqual(0x83, mirdl[0].Result);
            Assert.AreEqual(0x00, mirdh[0].Result);
            Assert.AreEqual(0x00, mirdl[1].Result);
            Assert.AreEqual(0x14, mirdh[1].Result);
            Assert.AreEqual(0, rig.Driver.MiiTimeouts);
            rig.AssertNoViolations();
        }

        [TestMethod]
        public void E07_ResetWhilePowerSave_DriverLeavesPowerSaveThenResets()
        {
            var rig = new Rig(initialize: false);
            Assert.IsTrue(rig.Chip.Options.Erratum19SrcIgnoredInPowerSave);

            // Put the chip into power save the way an application would: BFS ECON2.PWRSV.
            rig.Chip.TransferFullDuplex(new byte[] { 0x80 | 0x1E, 0x20 }, 0, new byte[2], 0, 2);
            Assert.AreEqual(0x20, rig.Register(0, 0x1E) & 0x20);

            Assert.AreEqual(Enc28j60InitResult.Success, rig.Driver.Initialize());
            Assert.AreEqual(1, rig.Chip.ResetCount, "SRC was taken");
            Assert.AreEqual(0, rig.Register(0, 0x1E) & 0x20, "PWRSV cleared");
            Assert.AreEqual(0x33, rig.Register(2, 0x02));
            byte[] frame = Rig.MakeFrame(Rig.OurMac, 80, 7);
            rig.Inject(frame);
            Rig.AssertFrame(frame, rig.ReceiveOne());
            rig.AssertNoViolations();
        }
    }
}
