using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Enc28j60.Emulation;

namespace NanoTcp.Enc28j60.Emulator.Tests
{
    /// <summary>Opcode decoding, banks, dummy byte, BFS/BFC scope, CS framing (ENC28J60 facts §1.2, §11.1).</summary>
    [TestClass]
    public sealed class SpiInstructionTests
    {
        [TestMethod]
        public void BankSelect_SameAddressReachesFourRegisters()
        {
            var spi = RawSpi.Powered();
            spi.Write(0, 0x04, 0x11);  // ETXSTL
            spi.Write(1, 0x04, 0x22);  // EHT4
            spi.Write(2, 0x04, 0x15);  // MABBIPG
            spi.Write(3, 0x04, 0x44);  // MAADR1
            Assert.AreEqual(0x11, spi.Read(0, 0x04));
            Assert.AreEqual(0x22, spi.Read(1, 0x04));
            Assert.AreEqual(0x15, spi.Read(2, 0x04, mac: true));
            Assert.AreEqual(0x44, spi.Read(3, 0x04, mac: true));
            Assert.AreEqual(0x11, spi.Chip.PeekControlRegister(0, 0x04));
        }

        [TestMethod]
        public void CommonRegisters_AreTheSameInEveryBank()
        {
            var spi = RawSpi.Powered();
            spi.Write(2, A.EIE, 0x48);
            for (int bank = 0; bank < 4; bank++)
            {
                Assert.AreEqual(0x48, spi.Read(bank, A.EIE));
            }
        }

        [TestMethod]
        public void Rcr_MacRegisterAnswersDummyByteThenValue()
        {
            var spi = RawSpi.Powered();
            spi.Write(2, A.MACON3, 0x32);
            byte[] answer = spi.Transfer(A.MACON3, 0, 0);
            Assert.AreEqual(0xA5, answer[1], "dummy byte");
            Assert.AreEqual(0x32, answer[2]);
            Assert.AreEqual(0, spi.Chip.ViolationCount);
        }

        [TestMethod]
        public void Rcr_MacRegisterWithoutDummyByteIsViolation()
        {
            var spi = RawSpi.Powered();
            spi.Bank(3);
            Assert.ThrowsExactly<Enc28j60ProtocolViolationException>(() => spi.Transfer(A.MAADR1, 0));
            StringAssert.Contains(spi.Chip.LastViolation, "dummy");
        }

        [TestMethod]
        public void Rcr_MistatNeedsDummyButEbstconAndErevidDoNot()
        {
            var spi = RawSpi.Powered();
            spi.Bank(3);
            Assert.AreEqual(0xA5, spi.Transfer(A.MISTAT, 0, 0)[1]);
            Assert.AreEqual(0x06, spi.Transfer(A.EREVID, 0)[1]);
            Assert.AreEqual(0x00, spi.Transfer(0x07, 0)[1]);
            Assert.AreEqual(0, spi.Chip.ViolationCount);
        }

        [TestMethod]
        public void Bfs_Bfc_OnEthRegisterSetAndClearBits()
        {
            var spi = RawSpi.Powered();
            spi.Bfs(A.EIE, 0xC0);
            spi.Bfs(A.EIE, 0x08);
            Assert.AreEqual(0xC8, spi.Rcr(A.EIE));
            spi.Bfc(A.EIE, 0x40);
            Assert.AreEqual(0x88, spi.Rcr(A.EIE));
        }

        [TestMethod]
        public void Bfs_OnMacRegisterIsViolationAndChangesNothing()
        {
            var spi = RawSpi.Powered(strict: false);
            spi.Bank(2);
            spi.Bfs(A.MACON3, 0x01);
            Assert.AreEqual(0x00, spi.RcrMac(A.MACON3));
            Assert.AreEqual(1, spi.Chip.ViolationCount);
            StringAssert.Contains(spi.Chip.LastViolation, "BFS on MAC/MII");
            spi.Bfc(A.MICMD, 0x01);
            Assert.AreEqual(2, spi.Chip.ViolationCount);
        }

        [TestMethod]
        public void TwoInstructionsInOneChipSelectWindowIsViolation()
        {
            var spi = RawSpi.Powered();
            var e = Assert.ThrowsExactly<Enc28j60ProtocolViolationException>(() => spi.Transfer(0x40 | A.EIE, 0x80, 0x80 | A.EIE, 0x40));
            StringAssert.Contains(e.Message, "one instruction per CS window");
            Assert.AreEqual(0x80, spi.Rcr(A.EIE), "only the first instruction is decoded");
        }

        [TestMethod]
        public void UndefinedOpcodeIsViolation()
        {
            var spi = RawSpi.Powered(strict: false);
            spi.Transfer(0xC0, 0x00);
            spi.Transfer(0x20, 0x00); // opcode 001 with an argument other than 0x1A
            Assert.AreEqual(2, spi.Chip.ViolationCount);
        }

        [TestMethod]
        public void NonStrictRecordsWithoutThrowing()
        {
            var spi = RawSpi.Powered(strict: false);
            spi.Bank(2);
            spi.Transfer(A.MACON1, 0);
            Assert.AreEqual(1, spi.Chip.ViolationCount);
            Assert.IsNotNull(spi.Chip.LastViolation);
        }

        [TestMethod]
        public void PointerHighBytesKeepFiveBits_MacGapRegistersSevenBits()
        {
            var spi = RawSpi.Powered();
            spi.Write(0, 0x03, 0xFF); // EWRPTH
            Assert.AreEqual(0x1F, spi.Rcr(0x03));
            spi.Write(2, A.MABBIPG, 0xFF);
            Assert.AreEqual(0x7F, spi.RcrMac(A.MABBIPG));
        }

        [TestMethod]
        public void ReadOnlyRegistersIgnoreWrites()
        {
            var spi = RawSpi.Powered();
            spi.Write(1, A.EPKTCNT, 5);
            Assert.AreEqual(0, spi.Rcr(A.EPKTCNT));
            spi.Write16(0, A.ERXWRPTL, 0x0123);
            Assert.AreEqual(0, spi.Read16(0, A.ERXWRPTL));
            spi.Wcr(A.EIR, 0xFF);
            Assert.AreEqual(0x2B, spi.Rcr(A.EIR), "PKTIF and LINKIF are read-only");
            spi.Wcr(A.ESTAT, 0xFF);
            Assert.AreEqual(0x53, spi.Rcr(A.ESTAT), "INT, RXBUSY, CLKRDY are read-only; BUFER/LATECOL/TXABRT writable");
        }

        [TestMethod]
        public void Pkdec_SelfClearsAndReadsZero()
        {
            var spi = new RawSpi(RawSpi.Ideal());
            spi.Init();
            spi.Chip.ReceiveFromWire(RawSpi.Frame(60, RawSpi.Broadcast), 0, 60);
            spi.Bfs(A.ECON2, A.PKTDEC);
            Assert.AreEqual(A.AUTOINC, spi.Rcr(A.ECON2));
            Assert.AreEqual(0, spi.Read(1, A.EPKTCNT));
        }

        [TestMethod]
        public void SameArrayForBothDirectionsWorks()
        {
            var spi = RawSpi.Powered();
            spi.Write16(0, A.EWRPTL, 0x0300);
            var buffer = new byte[] { 0x7A, 1, 2, 3 };
            spi.Chip.TransferFullDuplex(buffer, 0, buffer, 0, buffer.Length);
            Assert.AreEqual(3, spi.Chip.PeekBuffer(0x0302));
            buffer = new byte[] { A.EIE, 0 };
            spi.Wcr(A.EIE, 0x48);
            spi.Chip.TransferFullDuplex(buffer, 0, buffer, 0, 2);
            Assert.AreEqual(0x48, buffer[1]);
        }

        [TestMethod]
        public void Counters_AndVirtualClockFollowSpiTraffic()
        {
            var options = RawSpi.Ideal();
            options.SpiClockHz = 8_000_000;
            var spi = new RawSpi(options);
            long before = spi.Chip.NowNanoseconds;
            spi.Transfer(0x3A, 0, 0, 0, 0, 0, 0, 0, 0, 0); // RBM of 9 bytes: 10 bytes = 80 bits = 10 µs at 8 MHz
            Assert.AreEqual(10_000, spi.Chip.NowNanoseconds - before);
            Assert.AreEqual(1, spi.Chip.SpiTransactions);
            Assert.AreEqual(10, spi.Chip.SpiBytes);
        }

        [TestMethod]
        public void RegisterAccessesAreLoggedWithTransactionIndex()
        {
            var spi = RawSpi.Powered();
            Enc28j60RegisterAccess last = default;
            spi.Chip.RegisterAccessed += a => last = a;
            spi.Bfs(A.EIE, 0x40);
            Assert.AreEqual(RegisterAccessKind.BitSet, last.Kind);
            Assert.AreEqual(A.EIE, last.Address);
            Assert.AreEqual(0x40, last.Operand);
            Assert.AreEqual(0x40, last.Result);
            Assert.AreEqual(spi.Chip.SpiTransactions, last.TransactionIndex);
        }
    }
}
