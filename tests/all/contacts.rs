//! The contacts recognizer through the public API (its case file,
//! `fixtures/cases/contacts.cases`, is rendered by the `cases` module).

#[test]
fn contacts_are_found_with_each_field_and_nothing_in_near_misses() {
    let text = "联系人：张三，联系电话：022-23456789";
    let doc = zhengce::parse_text(text);
    assert_eq!(doc.contacts.len(), 1, "one contact");
    let c = &doc.contacts[0];
    let name = c.name.as_ref().expect("a name");
    assert_eq!(name.text, "张三");
    assert_eq!(
        &text[name.span.start..name.span.end],
        "张三",
        "span in the decoded text"
    );
    let phone = c.phone.as_ref().expect("a phone number");
    assert_eq!(phone.text, "022-23456789");
    assert_eq!(
        &text[c.span.start..c.span.end],
        text,
        "the contact spans the line"
    );
    assert!(c.email.is_none() && c.fax.is_none(), "no e-mail, no fax");

    let doc = zhengce::parse_text("请将工作联系人、联系方式等反馈至协会。");
    assert!(
        doc.contacts.is_empty(),
        "labels in running text are no contact"
    );
}

#[test]
fn the_contacts_table_has_a_row_per_contact() {
    use zhengce::table::{rows, TableKind};
    let doc = zhengce::parse_text("联系人:王五,电话:022-11112222\n联系人:赵六,传真:022-33334444\n");
    let got = rows(TableKind::Contacts, &doc);
    assert_eq!(got.len(), 2, "two contacts");
    assert_eq!(got[1][1], "赵六", "name column");
    assert_eq!(got[1][4], "022-33334444", "fax column");
    assert_eq!(TableKind::Contacts.columns().len(), got[0].len());
}
