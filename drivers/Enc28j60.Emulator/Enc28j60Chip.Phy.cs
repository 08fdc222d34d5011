namespace NanoTcp.Enc28j60.Emulation
{
    // PHY register file, link state and the MII access engine with BUSY timing (ENC28J60 facts §3, §11.5).
    public sealed partial class Enc28j60Chip
    {
        private const long MiiOperationNs = 10_240; // 10.24 µs (§3 MII procedure)

        private enum MiiOperation
        {
            None,
            Read,
            Write,
            Scan,
            ScanStopping,
        }

        private readonly ushort[] _phy = new ushort[32];
        private bool _linkChangedFlag;   // PHIR.PLNKIF
        private bool _latchedLinkStatus; // PHSTAT1.LLSTAT (latching low)
        private MiiOperation _miiOperation;
        private long _miiDoneAtNs;
        private int _miiRegister;
        private ushort _miiWriteValue;
        private bool _scanValid;

        private bool PhyLinkUp => _linkUp || (_phy[Bits.PHCON2] & Bits.PHCON2_FRCLNK) != 0;

        /// <summary>BUSY for a single read/write (a scan is busy too, but MICMD may be written to stop it).</summary>
        private bool MiiBusyForHost =>
            _miiOperation == MiiOperation.Read || _miiOperation == MiiOperation.Write || _miiOperation == MiiOperation.ScanStopping;

        private ushort PhyRegister(int address)
        {
            return _phy[address];
        }

        /// <summary>What an MII read of <paramref name="address"/> would return now.</summary>
        private ushort PhyValue(int address)
        {
            switch (address)
            {
                case Bits.PHSTAT1:
                    return (ushort)(Bits.PHSTAT1_CAPS | (_latchedLinkStatus ? Bits.PHSTAT1_LLSTAT : 0));
                case Bits.PHID1:
                    return 0x0083;
                case Bits.PHID2:
                    return 0x1400;
                case Bits.PHSTAT2:
                    return (ushort)((TransmitterBusy ? Bits.PHSTAT2_TXSTAT : 0)
                        | (Receiving ? Bits.PHSTAT2_RXSTAT : 0)
                        | (PhyLinkUp ? Bits.PHSTAT2_LSTAT : 0)
                        | ((_phy[Bits.PHCON1] & Bits.PHCON1_PDPXMD) != 0 ? Bits.PHSTAT2_DPXSTAT : 0));
                case Bits.PHIR:
                    if (!_linkChangedFlag)
                    {
                        return 0;
                    }

                    return (ushort)(Bits.PHIR_PLNKIF | ((_phy[Bits.PHIE] & Bits.PHIE_PLNKIE) != 0 ? Bits.PHIR_PGIF : 0));
                default:
                    return _phy[address];
            }
        }

        /// <summary>An MII read: PHIR and PHSTAT1.LLSTAT are cleared/refreshed by reading (§3).</summary>
        private ushort PhyRead(int address)
        {
            ushort value = PhyValue(address);
            if (address == Bits.PHIR)
            {
                _linkChangedFlag = false;
            }
            else if (address == Bits.PHSTAT1)
            {
                _latchedLinkStatus = PhyLinkUp;
            }

            return value;
        }

        private void PhyWrite(int address, ushort value)
        {
            switch (address)
            {
                case Bits.PHCON1:
                    if ((value & Bits.PHCON1_PRST) != 0)
                    {
                        ResetPhyRegisters(); // PRST self-clears
                        return;
                    }

                    _phy[address] = (ushort)(value & Bits.PHCON1_WRITABLE);
                    break;
                case Bits.PHCON2:
                    _phy[address] = (ushort)(value & Bits.PHCON2_WRITABLE);
                    break;
                case Bits.PHIE:
                    _phy[address] = (ushort)(value & (Bits.PHIE_PLNKIE | Bits.PHIE_PGEIE));
                    break;
                case Bits.PHLCON:
                    _phy[address] = value;
                    break;
            }
        }

        private void SetLink(bool up)
        {
            if (up == _linkUp)
            {
                return;
            }

            _linkUp = up;
            _linkChangedFlag = true;
            if (!up)
            {
                _latchedLinkStatus = false;
            }
        }

        private void ResetPhy()
        {
            ResetPhyRegisters();
            _miiOperation = MiiOperation.None;
            _scanValid = false;
        }

        private void ResetPhyRegisters()
        {
            System.Array.Clear(_phy, 0, _phy.Length);
            _phy[Bits.PHCON1] = _options.FullDuplexStrap ? Bits.PHCON1_PDPXMD : (ushort)0;
            _phy[Bits.PHLCON] = 0x3422;
            _linkChangedFlag = false;
            _latchedLinkStatus = _linkUp;
        }

        private byte ComputeMistat()
        {
            if (_miiOperation == MiiOperation.None)
            {
                return 0;
            }

            byte value = Bits.MISTAT_BUSY;
            if (_miiOperation == MiiOperation.Scan)
            {
                value |= Bits.MISTAT_SCAN;
                if (!_scanValid)
                {
                    value |= Bits.MISTAT_NVALID;
                }
            }

            return value;
        }

        private void OnMicmdChanged(byte old, byte now)
        {
            byte rose = (byte)(now & ~old);
            if ((rose & Bits.MICMD_MIIRD) != 0 && !MiiBusyForHost)
            {
                StartMiiOperation(MiiOperation.Read);
            }

            if ((rose & Bits.MICMD_MIISCAN) != 0 && !MiiBusyForHost)
            {
                _scanValid = false;
                StartMiiOperation(MiiOperation.Scan);
            }
            else if ((old & ~now & Bits.MICMD_MIISCAN) != 0 && _miiOperation == MiiOperation.Scan)
            {
                StartMiiOperation(MiiOperation.ScanStopping);
            }
        }

        private void StartMiiWrite()
        {
            if (_miiOperation == MiiOperation.Scan)
            {
                Violation("MIWRH written while MIISCAN is active (§3)");
                return;
            }

            if (MiiBusyForHost)
            {
                return; // already reported by the BUSY check
            }

            _miiWriteValue = (ushort)(_regs[Reg.MIWRL] | (_regs[Reg.MIWRH] << 8));
            StartMiiOperation(MiiOperation.Write);
        }

        private void StartMiiOperation(MiiOperation operation)
        {
            _miiOperation = operation;
            _miiRegister = _regs[Reg.MIREGADR] & 0x1F;
            _miiDoneAtNs = _nowNs + MiiOperationNs;
        }

        private long MiiDeadline()
        {
            return _miiOperation == MiiOperation.None ? long.MaxValue : _miiDoneAtNs;
        }

        private void RunMiiEvents()
        {
            if (_miiOperation == MiiOperation.None || _nowNs < _miiDoneAtNs)
            {
                return;
            }

            switch (_miiOperation)
            {
                case MiiOperation.Read:
                    StoreMiiResult(PhyRead(_miiRegister));
                    _miiOperation = MiiOperation.None;
                    break;
                case MiiOperation.Write:
                    PhyWrite(_miiRegister, _miiWriteValue);
                    _miiOperation = MiiOperation.None;
                    break;
                case MiiOperation.Scan:
                    StoreMiiResult(PhyRead(_regs[Reg.MIREGADR] & 0x1F));
                    _scanValid = true;
                    _miiDoneAtNs += MiiOperationNs;
                    break;
                default:
                    _miiOperation = MiiOperation.None;
                    break;
            }
        }

        private void StoreMiiResult(ushort value)
        {
            _regs[Reg.MIRDL] = (byte)value;
            _regs[Reg.MIRDH] = (byte)(value >> 8);
        }
    }
}
