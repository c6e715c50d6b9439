def migrate(cr, version):
    """The payslip's TPP line moved onto its TPP inputs (hr_payslip.tpp_line_id is
    no longer stored): copy the links of the payslips synced before 19.0.1.1.0."""
    if not version:
        return
    cr.execute(
        """
        SELECT 1 FROM information_schema.columns
         WHERE table_name = 'hr_payslip' AND column_name = 'tpp_line_id'
        """
    )
    if not cr.fetchone():
        return
    cr.execute(
        """
        UPDATE hr_payslip_input AS i
           SET kilap_tpp_line_id = p.tpp_line_id
          FROM hr_payslip AS p
         WHERE i.payslip_id = p.id
           AND p.tpp_line_id IS NOT NULL
           AND i.code IN ('TPP', 'TPP_PPH21', 'TPP_BPJS', 'TPP_ZAKAT')
        """
    )
