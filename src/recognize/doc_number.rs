//! Document numbers (发文字号): 机关代字 + 〔year〕 + serial + 号.
