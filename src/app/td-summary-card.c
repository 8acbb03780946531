/* td-summary-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "td-summary-card.h"

struct _TdSummaryCard
{
  GtkBox    parent_instance;

  GtkLabel *heading;
  GtkLabel *value;
  GtkLabel *detail;
};

G_DEFINE_FINAL_TYPE (TdSummaryCard, td_summary_card, GTK_TYPE_BOX)

GtkWidget *
td_summary_card_new (const char *title)
{
  TdSummaryCard *card = g_object_new (TD_TYPE_SUMMARY_CARD,
                                      "orientation", GTK_ORIENTATION_VERTICAL,
                                      "spacing", 4,
                                      NULL);

  gtk_label_set_text (card->heading, title);
  return GTK_WIDGET (card);
}

void
td_summary_card_set_value (TdSummaryCard *card,
                           const char    *text)
{
  g_return_if_fail (TD_IS_SUMMARY_CARD (card));
  gtk_label_set_text (card->value, text);
}

const char *
td_summary_card_get_value (TdSummaryCard *card)
{
  g_return_val_if_fail (TD_IS_SUMMARY_CARD (card), NULL);
  return gtk_label_get_text (card->value);
}

void
td_summary_card_set_detail (TdSummaryCard *card,
                            const char    *text)
{
  g_return_if_fail (TD_IS_SUMMARY_CARD (card));
  gtk_label_set_text (card->detail, text != NULL ? text : "");
}

void
td_summary_card_set_detail_width_chars (TdSummaryCard *card,
                                        int            n_chars)
{
  g_return_if_fail (TD_IS_SUMMARY_CARD (card));
  gtk_label_set_width_chars (card->detail, n_chars);
}

TdSummaryCard *
td_summary_card_append (GtkFlowBox *cards,
                        const char *name,
                        const char *title)
{
  GtkWidget *card = td_summary_card_new (title);

  gtk_widget_set_name (card, name);
  gtk_flow_box_append (cards, card);
  return TD_SUMMARY_CARD (card);
}

TdSummaryCard *
td_summary_card_find (GtkFlowBox *cards,
                      const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (cards)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *card = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (TD_IS_SUMMARY_CARD (card) && g_strcmp0 (gtk_widget_get_name (card), name) == 0)
        return TD_SUMMARY_CARD (card);
    }
  return NULL;
}

void
td_summary_card_update (GtkFlowBox *cards,
                        const char *name,
                        const char *value,
                        const char *detail)
{
  TdSummaryCard *card = td_summary_card_find (cards, name);

  g_return_if_fail (card != NULL);
  td_summary_card_set_value (card, value);
  td_summary_card_set_detail (card, detail);
}

static void
td_summary_card_class_init (TdSummaryCardClass *klass)
{
}

static void
td_summary_card_init (TdSummaryCard *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  self->heading = GTK_LABEL (gtk_label_new (NULL));
  self->value = GTK_LABEL (gtk_label_new ("—"));
  self->detail = GTK_LABEL (gtk_label_new (""));
  gtk_widget_add_css_class (widget, "card");
  gtk_widget_add_css_class (widget, "summary-card");
  gtk_label_set_xalign (self->heading, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->heading), "caption-heading");
  gtk_widget_add_css_class (GTK_WIDGET (self->heading), "dim-label");
  gtk_label_set_xalign (self->value, 0);
  gtk_label_set_selectable (self->value, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->value), "title-3");
  gtk_widget_add_css_class (GTK_WIDGET (self->value), "numeric");
  gtk_label_set_xalign (self->detail, 0);
  gtk_label_set_wrap (self->detail, TRUE);
  gtk_label_set_max_width_chars (self->detail, 22);
  gtk_widget_add_css_class (GTK_WIDGET (self->detail), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->detail), "dim-label");
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->heading));
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->value));
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->detail));
  /* Screen readers read the figure with its heading. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->value), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  self->heading, NULL, -1);
}
