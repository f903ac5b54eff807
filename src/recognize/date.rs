//! Dates: 2023年9月4日, 2023-09-07, 2023.9.4, 二〇二三年九月四日, ranges, garbled forms.
