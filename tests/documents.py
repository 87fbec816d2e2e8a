"""Content files the tests write into throwaway projects."""

# Organisations the test documents name, added to a test project's content/organisations.yaml.
ORGANISATIONS = """
  riverside:
    name: Riverside Family Network
    short_name: Riverside
    notices:
      not-legal-services:
        default: true
        text:
          en: >-
            {organisation} is not a legal services agency and cannot provide legal advice or legal representation.
"""

# A small valid fact sheet; bad-input cases each change one thing in it.
VALID = """\
language: en
kind: fact-sheet
layout: fact-sheet
brand: default
title: A small test sheet
organisation:
  name: Test Parent Center
  short_name: TPC
funders:
  - id: us-department-of-education
    grant_number: H328M250100
sections:
  - id: intro
    blocks:
      - type: paragraph
        id: intro-text
        text: Hello families.
  - id: compare
    heading: Side by side
    blocks:
      - type: comparison
        id: comparison
        columns: [At school, At the clinic]
        rows:
          - id: where
            left: In class.
            right: In a clinic.
      - type: bullets
        id: points
        items:
          one: First point.
          two: Second point.
"""

# A document of the same family as the seeds, with other sections, a table and two funders.
FAQ = """\
language: en
kind: faq
layout: fact-sheet
brand: default
title: Therapy Services FAQ for Families
subtitle: Answers to common questions
organisation: riverside
funders:
  - id: us-department-of-education
    grant_number: H328M240077
  - id: us-hhs
    agency: HRSA
    award_number: H84MC12345
    federal_amount: 250000
    federal_percent: 80
sections:
  - id: questions
    heading: Questions families ask
    blocks:
      - type: questions
        id: common
        items:
          who-pays: Who pays for therapy at school?
          how-often: How often will my child see the therapist?
  - id: schedule
    heading: A typical week
    blocks:
      - type: table
        id: week
        caption: Where therapy happens
        columns: [Day, Setting, Focus]
        widths: [1, 2, 3]
        rows:
          - id: monday
            cells: [Monday, Classroom, Handwriting & <b>fine motor</b> skills]
          - id: thursday
            cells: [Thursday, Clinic, "Feeding and self-care"]
  - id: compare
    heading: Two settings
    level: 3
    blocks:
      - type: comparison
        id: settings
        columns: [At school, At the clinic]
        rows:
          - id: cost
            label: Cost
            left: Free for families.
            right: Insurance or Medicaid.
      - type: checklist
        id: bring
        title: Bring to the meeting
        items:
          iep: A copy of the IEP
          reports: Recent therapy reports
      - type: callout
        id: reminder
        tone: important
        title: Remember
        text: You can ask for a meeting *at any time*. See [our site](https://example.org/help).
"""
